/**
 * The wiring between the network managers and the session store: the only place that turns API
 * responses and collab events into state.
 */
import { isOnsiteRole } from '#common/roles.ts'
import { ApiError, getScene, getSession, joinSession } from '../net/api/api-client.ts'
import { CollabManager } from '../net/collab/collab-manager.ts'
import { sessionStore } from '../state/session-store.ts'
import { toParticipants } from '../state/participants.ts'
import { startLab } from './lab-controller.ts'
import { watchSceneChanges } from './scene-watch.ts'

let collab: CollabManager | undefined
let stopLab = (): void => {}
let stopWatch = (): void => {}

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
      },
    )
    stopLab()
    stopLab = startLab(res, scene, collab)
    sessionStore.setState({ phase: { kind: 'in-session', join: res, scene } })
    stopWatch()
    stopWatch = watchSceneChanges(scene.id, (next) => {
      if (!collab) return
      stopLab()
      stopLab = startLab(res, next, collab)
      sessionStore.setState({ phase: { kind: 'in-session', join: res, scene: next } })
    })
  } catch (err) {
    sessionStore.setState({ phase: { kind: 'ready', info, invite, error: failureOf(err) } })
  }
}

export function leave(): void {
  stopWatch()
  stopLab()
  collab?.destroy()
  collab = undefined
}

/** The live collab connections, for features that open documents (boards, labs). */
export function currentCollab(): CollabManager | undefined {
  return collab
}
