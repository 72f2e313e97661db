/**
 * Session state of this browser: where the user is in the join flow, who is present, and how the
 * connection is. A vanilla store: React reads it through selectors, the rest through getState().
 */
import { createStore } from 'zustand/vanilla'
import type { SessionInfo } from '#common/api/sessions.ts'
import type { JoinResponse } from '#common/api/join.ts'
import type { Scene } from '#common/scene/schema.ts'
import type { ApiFailure } from '../net/api/api-client.ts'
import type { CollabStatus } from '../net/collab/collab-manager.ts'
import type { Participant } from './participants.ts'

export type Phase =
  | { kind: 'home' }
  | { kind: 'loading' }
  | { kind: 'ready'; info: SessionInfo; invite: string | undefined; error?: ApiFailure }
  | { kind: 'joining'; info: SessionInfo; invite: string }
  | { kind: 'waiting'; info: SessionInfo; name: string }
  | { kind: 'in-session'; join: JoinResponse; scene: Scene }
  | { kind: 'error'; failure: ApiFailure }
  | { kind: 'left' }

export interface SessionState {
  phase: Phase
  collab: CollabStatus
  participants: Participant[]
  /** The breakout group whose boards and lab this browser shows (its own, or one a moderator visits). */
  breakout: { group: string; visiting: boolean } | undefined
}

export const sessionStore = createStore<SessionState>(() => ({
  phase: { kind: 'loading' },
  collab: { kind: 'connecting' },
  participants: [],
  breakout: undefined,
}))
