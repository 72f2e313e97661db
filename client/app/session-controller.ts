/**
 * The wiring between the network managers and the stores: the only place that turns API
 * responses and collab events into state, and user actions into calls.
 */
import { isModerator, isOnsiteRole } from '#common/roles.ts'
import type { JoinResponse } from '#common/api/join.ts'
import { ControlDoc, docName } from '#common/collab/doc-layout.ts'
import { groupOf } from '#common/collab/lesson-control.ts'
import type { Scene } from '#common/scene/schema.ts'
import type { SceneId, SessionId } from '#common/ids.ts'
import { controlStore } from '../state/control-store.ts'
import { measureServerOffset } from '../net/api/labs-api.ts'
import { setServerOffset } from '../state/lab-store.ts'
import { PresentingKeys, type ProjectorViewKind } from '#common/collab/presenting.ts'
import { ApiError, getScene, getSession, joinSession, refresh, waitInLobby } from '../net/api/api-client.ts'
import { SessionApi } from '../net/api/session-api.ts'
import { CollabManager } from '../net/collab/collab-manager.ts'
import { sessionStore } from '../state/session-store.ts'
import { toParticipants } from '../state/participants.ts'
import { bindControl } from './control-binding.ts'
import { startBoards, stopBoards } from '../boards/boards-controller.ts'
import { DEFAULT_BOARD_ID } from '#common/collab/board-doc.ts'
import { startLab } from './lab-controller.ts'
import { watchSceneChanges } from './scene-watch.ts'
import { rememberRoomDevice } from './room-device.ts'
import { placeMedia, startMedia, stopMedia } from './media-controller.ts'

let collab: CollabManager | undefined
let unbindControl: (() => void) | undefined
let api: SessionApi | undefined
let stopLab = (): void => {}
let stopWatch = (): void => {}
let stopFollowing = (): void => {}
/** The group a moderator chose to visit (learners go where the control document puts them). */
let visiting: string | undefined
let applyPlace = (): void => {}
/** The newest credentials (a refresh replaces the join response's tokens). */
let credentials: JoinResponse | undefined
const currentToken = () => credentials?.token ?? ''

async function refreshSession(sessionId: string): Promise<JoinResponse> {
  credentials = await refresh(sessionId, currentToken())
  return credentials
}

const RESUME_RETRY_MS = 5000

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
    let res = await joinSession(info.id, invite, name)
    if ('status' in res) {
      const lobbyToken = res.lobbyToken
      sessionStore.setState({ phase: { kind: 'waiting', info, name } })
      let admitted: JoinResponse | null = null
      while (!admitted) {
        try {
          admitted = await waitInLobby(info.id, lobbyToken)
        } catch (err) {
          // A dropped connection while waiting: try again shortly; a refusal ends the wait.
          if (err instanceof ApiError && err.failure.kind === 'server') throw err
          await new Promise((r) => setTimeout(r, 2000))
        }
      }
      res = admitted
    }
    await enter(res)
  } catch (err) {
    sessionStore.setState({ phase: { kind: 'ready', info, invite, error: failureOf(err) } })
  }
}

async function enter(res: JoinResponse): Promise<void> {
  const scene = await getScene(res.session.scene)
  leave()
  credentials = res
  api = new SessionApi(res.session.id, currentToken)
  collab = new CollabManager(
    res,
    { place: isOnsiteRole(res.participant.role) ? 'onsite' : 'remote', device: 'browser' },
    {
      onStatus: (status) => sessionStore.setState({ collab: status }),
      onPresence: (states) => sessionStore.setState({ participants: toParticipants(states) }),
      refresh: () => refreshSession(res.session.id),
    },
  )
  unbindControl = bindControl(collab, res.participant.identity, (loweredAt) => {
    const mine = sessionStore.getState().participants.find((p) => p.identity === res.participant.identity)
    if (mine?.handRaisedAt !== undefined && mine.handRaisedAt <= loweredAt)
      collab?.setPresence({ handRaisedAt: undefined })
  })
  const live = collab
  const sessionId = res.session.id
  const me = res.participant
  let current = scene
  let switching: string | undefined
  let failedScene: string | undefined
  const boardsOf = (sc: Scene) => (sc.boards.length > 0 ? sc.boards.map((b) => b.id) : [DEFAULT_BOARD_ID])
  const runBoards = (sc: Scene) =>
    startBoards(
      {
        watch: (kind, fn) => live.watch(kind, fn),
        awareness: (kind) => live.awareness(kind),
        get control() {
          return live.control
        },
        identity: me.identity,
        role: me.role,
        sessionId,
        token: currentToken,
      },
      boardsOf(sc),
    )

  // Which boards and lab documents to show: a group's while its breakout is open (or while a
  // moderator visits it), the main room's otherwise; the lab follows the current scene.
  applyPlace = () => {
    const { groups, settings } = controlStore.getState()
    if (visiting && !groups.some((g) => g.id === visiting)) visiting = undefined
    const own = settings.breakoutsOpen && !isModerator(me.role) ? groupOf(groups, me.identity) : undefined
    const group = isModerator(me.role) ? visiting : own
    const sid = sessionId as SessionId
    live.retarget('boards', group ? docName({ sessionId: sid, kind: 'boards', group }) : undefined)
    const mainLab = credentials?.collab.docs['lab']
    const sceneId = current.id as SceneId
    live.retarget('lab', group && mainLab ? docName({ sessionId: sid, kind: 'lab', scene: sceneId, group }) : mainLab)
    placeMedia(group, api)
    const place = group ? { group, visiting: isModerator(me.role) } : undefined
    const was = sessionStore.getState().breakout
    if (was?.group !== place?.group) sessionStore.setState({ breakout: place })
  }

  const showScene = (fresh: JoinResponse, next: Scene) => {
    stopLab()
    stopBoards()
    current = next
    applyPlace()
    runBoards(next)
    stopLab = startLab(fresh, next, live)
    stopWatch()
    stopWatch = watchSceneChanges(next.id, (edited) => showScene(fresh, edited))
    sessionStore.setState({ phase: { kind: 'in-session', join: fresh, scene: next } })
  }

  // The teacher switched the scene: new credentials name the new scene's lab document.
  const switchScene = async (id: string) => {
    switching = id
    try {
      const fresh = await refreshSession(sessionId)
      const next = await getScene(fresh.session.scene)
      if (collab === live) showScene(fresh, next)
    } finally {
      switching = undefined
    }
  }

  startMedia(res)
  runBoards(scene)
  stopLab = startLab(res, scene, live)
  stopWatch = watchSceneChanges(scene.id, (next) => showScene(credentials ?? res, next))
  if (res.participant.role === 'room') rememberRoomDevice(res.participant.name)
  sessionStore.setState({ phase: { kind: 'in-session', join: res, scene } })
  void measureServerOffset().then(setServerOffset)
  stopFollowing = controlStore.subscribe((state) => {
    const wanted = state.settings.scene
    if (wanted && wanted !== current.id && wanted !== switching && wanted !== failedScene)
      void switchScene(wanted).catch(() => {
        // Stay in the current scene; a later change of the setting tries again.
        failedScene = wanted
      })
    applyPlace()
  })
}

/** A moderator opens a breakout group's boards and lab (or, with `undefined`, the main room's). */
export function visitGroup(group: string | undefined): void {
  visiting = group
  applyPlace()
}

/**
 * The classroom PC after a reboot: opens its remembered session and joins again by itself,
 * trying every few seconds while the server cannot be reached (the screen says why).
 */
export async function resumeRoomDevice(sessionId: string, invite: string, name: string): Promise<void> {
  for (;;) {
    await openSession(sessionId, invite)
    if (sessionStore.getState().phase.kind === 'ready') {
      await join(name)
      const now = sessionStore.getState().phase.kind
      if (now === 'in-session' || now === 'waiting') return
    }
    await new Promise((r) => setTimeout(r, RESUME_RETRY_MS))
  }
}

export function leave(): void {
  stopFollowing()
  stopFollowing = () => {}
  applyPlace = () => {}
  visiting = undefined
  sessionStore.setState({ breakout: undefined })
  unbindControl?.()
  unbindControl = undefined
  stopBoards()
  stopWatch()
  stopWatch = () => {}
  stopLab()
  stopLab = () => {}
  stopMedia()
  collab?.destroy()
  collab = undefined
  api = undefined
}

/** The live collab connections, for features that open documents (boards, labs). */
export function currentCollab(): CollabManager | undefined {
  return collab
}

/** The session API with the current token (undefined before joining). */
export function sessionApi(): SessionApi | undefined {
  return api
}

/** Publishes the seat this participant sits on (or none). */
export function sitOn(seat: string | undefined): void {
  collab?.setPresence({ seat })
}

/** Tells everyone whether this participant is now in a headset or back in the browser. */
export function setDevice(device: 'browser' | 'headset'): void {
  collab?.setPresence({ device })
}

export function raiseHand(raised: boolean): void {
  collab?.setPresence({ handRaisedAt: raised ? Date.now() : undefined })
}

/** A moderator lowers someone's hand (or everyone's). */
export function lowerHands(identities: string[]): void {
  const doc = collab?.control
  if (!doc) return
  const now = Date.now()
  doc.transact(() => {
    const map = doc.getMap<number>(ControlDoc.handsLowered)
    for (const id of identities) map.set(id, now)
  })
}

/** A moderator points everyone who follows at the stage, a board or the lab ("follow me"). */
export function showEveryone(focus: { kind: 'stage' } | { kind: 'lab' } | { kind: 'board'; id: string }): void {
  collab?.control.getMap(ControlDoc.settings).set(PresentingKeys.focus, { ...focus, at: Date.now() })
}

/** A moderator puts someone (or the room device's camera) on the main screen; `undefined`: the teacher. */
export function spotlight(identity: string | undefined): void {
  const doc = collab?.control
  if (!doc) return
  const settings = doc.getMap(ControlDoc.settings)
  const at = Date.now()
  // Whoever is in the spotlight is on the main screen: everyone following looks there.
  doc.transact(() => {
    if (identity === undefined) settings.delete(PresentingKeys.spotlight)
    else settings.set(PresentingKeys.spotlight, { identity, at })
    settings.set(PresentingKeys.focus, { kind: 'stage', at })
  })
}

/** A moderator chooses what the classroom's projector shows. */
export function setProjectorView(view: ProjectorViewKind): void {
  collab?.control.getMap(ControlDoc.settings).set(PresentingKeys.projectorView, { view, at: Date.now() })
}

/** A moderator locks or unlocks the boards or the lab for learners. */
export function setLock(target: 'boards' | 'lab', locked: boolean): void {
  collab?.control.getMap<boolean>(ControlDoc.locks).set(target, locked)
}
