/**
 * The actions the session's panels offer, bound to the live session: what ui/ components receive
 * as props (they never talk to the network themselves).
 */
import type { ConsoleActions } from '../ui/console/ConsolePanel.tsx'
import type { PollActions } from '../ui/panels/PollsPanel.tsx'
import { lowerHands, sessionApi, setLock } from './session-controller.ts'

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

export const consoleActions: ConsoleActions = {
  setSession: async (patch) => void (await api().update(patch)),
  setLock,
  admit: async (id) => void (await api().admit(id)),
  deny: async (id) => void (await api().deny(id)),
  admitAll: async () => void (await api().admitAll()),
  lowerHands,
  remove: async (id) => void (await api().remove(id)),
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
  end: async () => void (await api().end()),
}
