/**
 * The actions the session's panels offer, bound to the live session: what ui/ components receive
 * as props (they never talk to the network themselves).
 */
import type { ConsoleActions } from '../ui/console/ConsolePanel.tsx'
import type { PollActions } from '../ui/panels/PollsPanel.tsx'
import type * as Y from 'yjs'
import type { SceneId } from '#common/ids.ts'
import {
  assignBySeat,
  assignEvenly,
  assignRandomly,
  assignToGroup,
  LessonSettings,
  lessonTimerSchema,
  moveToSeat,
  pausedTimer,
  resumedTimer,
  writeGroups,
} from '#common/collab/lesson-control.ts'
import { sessionStore } from '../state/session-store.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { getScenes } from '../net/api/api-client.ts'
import { serverNow } from '../state/lab-store.ts'
import { currentCollab, lowerHands, sessionApi, setLock, visitGroup } from './session-controller.ts'

function api() {
  const a = sessionApi()
  if (!a) throw new Error('not in a session')
  return a
}

export const chatSend = async (text: string): Promise<void> => {
  await api().chat(text)
}

export function pollActions(onAnswered: (pollId: string) => void): PollActions {
  return {
    async answer(pollId, req) {
      try {
        await api().answerPoll(pollId, req)
      } catch (err) {
        // Already answered (from another tab): show it as answered.
        if ((err as { failure?: { kind: string; error?: { code: string } } }).failure?.error?.code !== 'conflict')
          throw err
      }
      onAnswered(pollId)
    },
    create: async (poll) => void (await api().createPoll(poll)),
    close: async (id) => void (await api().closePoll(id)),
    reveal: async (id) => void (await api().revealPoll(id)),
  }
}

/** Writes to the control document (moderators may; the server checks). */
function control(fn: (doc: Y.Doc) => void): void {
  const doc = currentCollab()?.control
  if (doc) fn(doc)
}
const settings = (doc: Y.Doc) => doc.getMap(ControlDoc.settings)

/** The current scene's seat ids in the order the scene lists them (rows, front to back). */
function seatOrder(): string[] {
  const phase = sessionStore.getState().phase
  return phase.kind === 'in-session' ? phase.scene.seats.map((s) => s.id) : []
}

export const consoleActions: ConsoleActions = {
  scenes: async () => (await getScenes()).scenes,
  switchScene: async (scene) => void (await api().update({ scene: scene as SceneId })),
  startTimer: (minutes) =>
    control((doc) =>
      settings(doc).set(LessonSettings.timer, {
        endsAt: serverNow() + Math.round(minutes * 60) * 1000,
        seconds: Math.round(minutes * 60),
      }),
    ),
  stopTimer: () => control((doc) => settings(doc).delete(LessonSettings.timer)),
  pauseTimer: (paused) =>
    control((doc) => {
      const timer = lessonTimerSchema.safeParse(settings(doc).get(LessonSettings.timer))
      if (!timer.success) return
      const now = serverNow()
      settings(doc).set(LessonSettings.timer, paused ? pausedTimer(timer.data, now) : resumedTimer(timer.data, now))
    }),
  makeGroups: (n, people, how) => {
    const ids = people.map((p) => p.identity)
    const assignment =
      how === 'random'
        ? assignRandomly(ids, n, Math.random)
        : how === 'seat'
          ? assignBySeat(people, n, seatOrder())
          : assignEvenly(ids, n)
    control((doc) => writeGroups(doc, assignment))
  },
  assignGroup: (identity, group) => control((doc) => assignToGroup(doc, identity, group)),
  setBreakoutsOpen: async (open) => {
    if (open) control((doc) => settings(doc).set(LessonSettings.breakoutsOpen, true))
    else await api().callBack()
  },
  broadcast: async (text) => void (await api().broadcast(text)),
  moveToSeat: (identity, seat) => control((doc) => moveToSeat(doc, identity, seat, serverNow())),
  visitGroup,
  setSession: async (patch) => void (await api().update(patch)),
  setLock,
  admit: async (id) => void (await api().admit(id)),
  deny: async (id) => void (await api().deny(id)),
  admitAll: async () => void (await api().admitAll()),
  lowerHands,
  remove: async (id) => void (await api().remove(id)),
  muteMicrophone: async (id) => void (await api().muteMicrophone(id)),
  muteLearners: async () => void (await api().muteLearners()),
  setSpeaking: async (id, allowed) => void (await api().setSpeaking(id, allowed)),
  invites: () => api().invites(),
  rotateInvite: async (role) => void (await api().rotateInvite(role)),
  async downloadReport() {
    const blob = await api().reportCsv()
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = 'atrium-report.csv'
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  },
  report: () => api().report(),
  end: async () => void (await api().end()),
}
