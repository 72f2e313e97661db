/**
 * The parts of the control document that run the lesson's shape: the lesson timer, breakout
 * groups and whether breakouts are open. Moderators' clients write them directly (the control
 * document is theirs); every reader validates. Spec: PROTOCOL.md, "control".
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { ControlDoc } from './doc-layout.ts'

/**
 * `settings.timer`: a countdown to `endsAt` (server time, ms since the epoch) of `seconds`. While
 * paused, `pausedLeftMs` holds what was left and `endsAt` is ignored.
 */
export const lessonTimerSchema = z.object({
  endsAt: z.number().finite(),
  seconds: z
    .number()
    .int()
    .positive()
    .max(24 * 3600),
  pausedLeftMs: z
    .number()
    .int()
    .nonnegative()
    .max(24 * 3600 * 1000)
    .optional(),
})
export type LessonTimer = z.infer<typeof lessonTimerSchema>

/** Milliseconds left on the timer at server time `now` (never more than it was set for). */
export function timerLeftMs(timer: LessonTimer, now: number): number {
  const left = timer.pausedLeftMs ?? timer.endsAt - now
  return Math.min(timer.seconds * 1000, Math.max(0, left))
}

/** The timer stopped where it is at `now`; pausing a paused timer changes nothing. */
export function pausedTimer(timer: LessonTimer, now: number): LessonTimer {
  if (timer.pausedLeftMs !== undefined) return timer
  return { ...timer, pausedLeftMs: Math.round(timerLeftMs(timer, now)) }
}

/** The timer running again from what was left when it was paused. */
export function resumedTimer(timer: LessonTimer, now: number): LessonTimer {
  if (timer.pausedLeftMs === undefined) return timer
  const { pausedLeftMs, ...running } = timer
  return { ...running, endsAt: now + pausedLeftMs }
}

/** `settings` keys of this file. */
export const LessonSettings = {
  timer: 'timer',
  /** boolean: while true, group members work in their group's boards and lab. */
  breakoutsOpen: 'breakoutsOpen',
  /** {@link Broadcast}: the teacher's latest message to every group (the server writes it). */
  broadcast: 'broadcast',
  /** Record<identity, boolean>: whether the teacher last allowed (true) or revoked speaking (the server writes it). */
  maySpeak: 'maySpeak',
  /** Record<identity, {@link SeatMove}>: seats the teacher moved people to. */
  seatMoves: 'seatMoves',
} as const

/** `settings.broadcast`: a message to everyone, shown in every group; a new `at` shows it again. */
export const broadcastSchema = z.strictObject({
  text: z.string().min(1).max(500),
  from: z.string().max(64),
  at: z.number().finite(),
})
export type Broadcast = z.infer<typeof broadcastSchema>

/** `settings.seatMoves[identity]`: the teacher seats this person at `seat` (a scene seat id). */
export const seatMoveSchema = z.strictObject({ seat: z.string().min(1).max(64), at: z.number().finite() })
export type SeatMove = z.infer<typeof seatMoveSchema>

/**
 * Sets one person's entry of a per-person record kept as a plain object under a `settings` key
 * (`seatMoves`, `maySpeak`): the record is written whole, so a reader never sees half of it.
 */
export function setSettingsEntry(doc: Y.Doc, key: string, identity: string, value: unknown): void {
  const settings = doc.getMap(ControlDoc.settings)
  const before = settings.get(key)
  const next = before && typeof before === 'object' ? { ...(before as Record<string, unknown>) } : {}
  next[identity] = value
  settings.set(key, next)
}

/** Every valid seat move by identity (malformed entries are ignored). */
export function readSeatMoves(doc: Y.Doc): Record<string, SeatMove> {
  const out: Record<string, SeatMove> = {}
  const moves = doc.getMap(ControlDoc.settings).get(LessonSettings.seatMoves)
  if (!moves || typeof moves !== 'object') return out
  for (const [identity, move] of Object.entries(moves)) {
    const r = seatMoveSchema.safeParse(move)
    if (r.success) out[identity] = r.data
  }
  return out
}

/** Where the teacher last moved `identity`, if anywhere. */
export const seatMoveOf = (doc: Y.Doc, identity: string): SeatMove | undefined => readSeatMoves(doc)[identity]

/** Records that `identity` is to sit at `seat`. */
export function moveToSeat(doc: Y.Doc, identity: string, seat: string, at: number): void {
  setSettingsEntry(doc, LessonSettings.seatMoves, identity, { seat, at })
}

/** A breakout group as read from `groups`: id (`g1`, `g2`, …) and members' identities. */
export interface BreakoutGroup {
  id: string
  members: string[]
}

/** Group ids are `g<n>`, which also names them to people ("Group n"). */
export const groupId = (n: number) => `g${n}`
export const groupNumber = (id: string) => Number(/^g(\d+)$/.exec(id)?.[1] ?? 0)

export function readGroups(doc: Y.Doc): BreakoutGroup[] {
  const out: BreakoutGroup[] = []
  for (const [id, group] of doc.getMap(ControlDoc.groups)) {
    if (!(group instanceof Y.Map)) continue
    const members = group.get('members')
    const list = members instanceof Y.Array ? members.toArray().filter((m): m is string => typeof m === 'string') : []
    out.push({ id, members: list })
  }
  return out.sort((a, b) => groupNumber(a.id) - groupNumber(b.id) || a.id.localeCompare(b.id))
}

/** Replaces every group at once (one transaction): `assignment` is group id → members. */
export function writeGroups(doc: Y.Doc, assignment: Record<string, string[]>): void {
  doc.transact(() => {
    const groups = doc.getMap(ControlDoc.groups)
    for (const id of [...groups.keys()]) groups.delete(id)
    for (const [id, members] of Object.entries(assignment)) {
      const group = new Y.Map<unknown>()
      const list = new Y.Array<string>()
      list.push([...new Set(members)])
      group.set('members', list)
      groups.set(id, group)
    }
  })
}

/** Moves one person to group `to` (or out of every group with `undefined`). */
export function assignToGroup(doc: Y.Doc, identity: string, to: string | undefined): void {
  const current = Object.fromEntries(readGroups(doc).map((g) => [g.id, g.members.filter((m) => m !== identity)]))
  if (to !== undefined) current[to] = [...(current[to] ?? []), identity]
  writeGroups(doc, current)
}

/** Deals people into `n` groups in turn, so sizes differ by at most one. */
export function assignEvenly(people: readonly string[], n: number): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (let i = 1; i <= n; i++) out[groupId(i)] = []
  people.forEach((p, i) => out[groupId((i % n) + 1)]!.push(p))
  return out
}

/** Shuffles people (Fisher–Yates with `random` in [0, 1)) and deals them into `n` groups. */
export function assignRandomly(people: readonly string[], n: number, random: () => number): Record<string, string[]> {
  const shuffled = [...people]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  return assignEvenly(shuffled, n)
}

/**
 * Neighbours work together: people in seat order (`seatOrder` lists the scene's seat ids) are cut
 * into `n` runs of sizes that differ by at most one; people without a seat come last.
 */
export function assignBySeat(
  people: readonly { identity: string; seat?: string | undefined }[],
  n: number,
  seatOrder: readonly string[],
): Record<string, string[]> {
  const rank = (seat: string | undefined) => {
    const i = seat === undefined ? -1 : seatOrder.indexOf(seat)
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }
  const ordered = [...people].sort((a, b) => rank(a.seat) - rank(b.seat)).map((p) => p.identity)
  const out: Record<string, string[]> = {}
  let start = 0
  for (let g = 1; g <= n; g++) {
    const size = Math.floor(ordered.length / n) + (g <= ordered.length % n ? 1 : 0)
    out[groupId(g)] = ordered.slice(start, start + size)
    start += size
  }
  return out
}

/** The group a person is in, if any. */
export const groupOf = (groups: readonly BreakoutGroup[], identity: string) =>
  groups.find((g) => g.members.includes(identity))?.id
