/**
 * What the control document says, as plain validated data: settings, locks, polls, chat, lobby,
 * lowered hands; and, for moderators, live poll results. Filled by app/control-binding.ts.
 */
import { createStore } from 'zustand/vanilla'
import type { ChatMessage } from '#common/api/chat.ts'
import type { PollView } from '#common/api/polls.ts'
import type { Focus, ProjectorViewSetting, Spotlight } from '#common/collab/presenting.ts'
import type { Broadcast, BreakoutGroup, LessonTimer, SeatMove } from '#common/collab/lesson-control.ts'

export interface LobbyEntry {
  identity: string
  name: string
  role: string
  since: number
}

export interface LivePoll {
  answers: number
  counts: Record<string, number>
  texts: string[]
}

export interface ControlState {
  settings: {
    locked: boolean
    waitingRoom: boolean
    scene?: string
    title?: string
    endedAt?: number
    timer?: LessonTimer
    breakoutsOpen: boolean
    /** The teacher's latest message to every group. */
    broadcast?: Broadcast
    /** Seats the teacher moved people to, by identity. */
    seatMoves: Record<string, SeatMove>
    /** Who the teacher last allowed to speak (true) or not (false), by identity. */
    maySpeak: Record<string, boolean>
  }
  groups: BreakoutGroup[]
  locks: { boards: boolean; lab: boolean }
  polls: PollView[]
  chat: ChatMessage[]
  lobby: LobbyEntry[]
  handsLowered: Record<string, number>
  livePolls: Record<string, LivePoll>
  /** What the teacher presents (follow me, spotlight, the projector's view). */
  presenting: { focus?: Focus; spotlight?: Spotlight; projectorView?: ProjectorViewSetting }
}

export const emptyControl = (): ControlState => ({
  settings: { locked: false, waitingRoom: false, breakoutsOpen: false, seatMoves: {}, maySpeak: {} },
  groups: [],
  locks: { boards: false, lab: false },
  polls: [],
  chat: [],
  lobby: [],
  handsLowered: {},
  livePolls: {},
  presenting: {},
})

export const controlStore = createStore<ControlState>(emptyControl)
