/** Feeds the learning records from what the collab server sees: presence, hands, board edits. */
import { isOnsiteRole } from '#common/roles.ts'
import type { CollabObserver } from '../collab/collab-server.ts'
import type { LearningRecorder } from './recorder.ts'

export function recordsObserver(recorder: LearningRecorder): CollabObserver {
  return {
    joined(sessionId, user) {
      // Device and hand arrive with the first presence state, right after the socket opens.
      recorder.joined(sessionId, user.identity, isOnsiteRole(user.role) ? 'onsite' : 'remote', 'browser')
    },
    left(sessionId, user, at) {
      recorder.left(sessionId, user.identity, at)
    },
    presence(sessionId, user, state) {
      recorder.deviceChanged(sessionId, user.identity, state.device)
      recorder.hand(sessionId, user.identity, state.handRaisedAt)
    },
    updated(ref, user) {
      if (ref.kind === 'boards') recorder.boardUpdate(ref.sessionId, user.identity)
    },
  }
}
