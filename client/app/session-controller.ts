/**
 * The wiring between the network managers and the session store: the only place that turns API
 * responses and collab events into state.
 */
import { isOnsiteRole } from '#common/roles.ts'
import type { JoinResponse } from '#common/api/join.ts'
import { ApiError, getScene, getSession, joinSession, refresh } from '../net/api/api-client.ts'
import { CollabManager } from '../net/collab/collab-manager.ts'
import { sessionStore } from '../state/session-store.ts'
import { toParticipants } from '../state/participants.ts'
import { startBoards, stopBoards } from '../boards/boards-controller.ts'
import { DEFAULT_BOARD_ID } from '#common/collab/board-doc.ts'

let collab: CollabManager | undefined
/** The newest credentials (a refresh replaces the join response's tokens). */
let credentials: JoinResponse | undefined
const currentToken = () => credentials?.token ?? ''

async function refreshSession(sessionId: string, token: string): Promise<JoinResponse> {
  credentials = await refresh(sessionId, token)
  return credentials
}

const failureOf = (err: unknown) => (err instanceof ApiError ? err.failure : ({ kind: 'network' } as const))

export async function openSession(sessionId: string, invite: string | undefined): Promise<void> {
  sessionStore.setState({ phase: { kind: 'loading' } })
  try {
    const info = await getSession(sessionId)
    sessionStore.setState({ phase: { kind: 'ready', info, invite } })
  } catch (err) {
    sessionStore.setState({ phase: { kind: 'error', failure: failureOf(err) } })
  }
}

export async function join(name: string): Promise<void> {
  const { phase } = sessionStore.getState()
  if (phase.kind !== 'ready' || !phase.invite) return
  const { info, invite } = phase
  sessionStore.setState({ phase: { kind: 'joining', info, invite } })
  try {
    const res = await joinSession(info.id, invite, name)
    const scene = await getScene(res.session.scene)
    collab?.destroy()
    collab = new CollabManager(
      res,
      { place: isOnsiteRole(res.participant.role) ? 'onsite' : 'remote', device: 'browser' },
      {
        onStatus: (status) => sessionStore.setState({ collab: status }),
        onPresence: (states) => sessionStore.setState({ participants: toParticipants(states) }),
        refresh: () => refreshSession(res.session.id, currentToken()),
      },
    )
    credentials = res
    const live = collab
    startBoards(
      {
        watch: (kind, fn) => live.watch(kind, fn),
        awareness: (kind) => live.awareness(kind),
        get control() {
          return live.control
        },
        identity: res.participant.identity,
        role: res.participant.role,
        sessionId: res.session.id,
        token: currentToken,
      },
      scene.boards.length > 0 ? scene.boards.map((b) => b.id) : [DEFAULT_BOARD_ID],
    )
    sessionStore.setState({ phase: { kind: 'in-session', join: res, scene } })
  } catch (err) {
    sessionStore.setState({ phase: { kind: 'ready', info, invite, error: failureOf(err) } })
  }
}

export function leave(): void {
  stopBoards()
  collab?.destroy()
  collab = undefined
}

/** The live collab connections, for features that open documents (boards, labs). */
export function currentCollab(): CollabManager | undefined {
  return collab
}
