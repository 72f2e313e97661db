/**
 * Turns what happens in a session into learning records: each record and its xAPI statement are
 * stored in one transaction, so the outbox never misses a record and never holds one that is not
 * in the report. Board edits are counted in memory and stored every 30 s and when someone leaves.
 */
import type { LocalizedText } from '#common/scene/schema.ts'
import type { Logger } from 'pino'
import type { Device, Place } from '#common/collab/presence.ts'
import type { SessionId } from '#common/ids.ts'
import type { SessionStore } from '../store/session-store.ts'
import type { LearningEvent, RecordContext } from './events.ts'
import type { RecordsStore } from './records-store.ts'
import { buildStatement } from './xapi/statements.ts'
import { statementSchema } from './xapi/schema.ts'

const BOARD_FLUSH_MS = 30_000
const HEARTBEAT_KEY = 'records_heartbeat'

export class LearningRecorder {
  private readonly boardCounts = new Map<string, { sessionId: string; identity: string; updates: number }>()
  private readonly hands = new Map<string, number>()
  private readonly timer: NodeJS.Timeout

  /** The base of statement IRIs (PUBLIC_URL, else this server's address once it listens). */
  baseIri: () => string

  constructor(
    private readonly store: RecordsStore,
    private readonly sessions: SessionStore,
    baseIri: string,
    private readonly log: Logger,
    private readonly onStatement: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.baseIri = () => baseIri
    this.timer = setInterval(() => this.tick(), BOARD_FLUSH_MS)
    this.timer.unref()
  }

  private context(sessionId: string, identity: string): RecordContext | undefined {
    const session = this.sessions.getSession(sessionId as SessionId)
    const participant = this.sessions.participant(identity)
    if (!session || !participant || participant.sessionId !== sessionId) return undefined
    return {
      session: { id: session.id, title: session.title, scene: session.scene },
      participant: { identity, name: participant.name, role: participant.role },
      at: this.now(),
    }
  }

  /** Stores an event and its statement together. Unknown sessions or people are ignored (logged). */
  record(sessionId: string, identity: string, event: LearningEvent, also?: () => void): void {
    const ctx = this.context(sessionId, identity)
    if (!ctx) {
      this.log.warn({ sessionId, identity, kind: event.kind }, 'record for an unknown participant ignored')
      return
    }
    const statement = statementSchema.safeParse(buildStatement(this.baseIri(), ctx, event))
    this.store.transaction(() => {
      also?.()
      this.store.addEvent(sessionId, identity, event, ctx.at)
      if (statement.success) {
        this.store.enqueueStatement(statement.data.id, sessionId, JSON.stringify(statement.data), ctx.at)
      }
    })
    if (!statement.success)
      this.log.error({ issues: statement.error.issues, kind: event.kind }, 'invalid xAPI statement')
    else this.onStatement()
  }

  /** The first connection of a person to a session opened. */
  joined(sessionId: string, identity: string, place: Place, device: Device): void {
    const at = this.now()
    this.record(sessionId, identity, { kind: 'joined', place, device }, () =>
      this.store.openAttendance(sessionId, identity, place, device, at),
    )
  }

  /** A person switched device (for example entered a headset). */
  deviceChanged(sessionId: string, identity: string, device: Device): void {
    const open = this.store.openInterval(sessionId, identity)
    if (open && open.device !== device) this.store.setDevice(open.id, device)
  }

  /** The last connection of a person to a session closed. */
  left(sessionId: string, identity: string, at = this.now()): void {
    this.flushBoard(`${sessionId}|${identity}`)
    const open = this.store.openInterval(sessionId, identity)
    if (!open) return
    const boardUpdates = this.store.boardUpdatesSince(sessionId, identity, open.joinedAt)
    this.record(
      sessionId,
      identity,
      { kind: 'left', place: open.place, device: open.device, presentMs: at - open.joinedAt, boardUpdates },
      () => this.store.closeAttendance(open.id, at),
    )
    this.hands.delete(`${sessionId}|${identity}`)
  }

  /** Presence reported a hand: a new raise (not the same one seen again) is recorded. */
  hand(sessionId: string, identity: string, raisedAt: number | undefined): void {
    const key = `${sessionId}|${identity}`
    if (raisedAt === undefined) return void this.hands.delete(key)
    if (this.hands.get(key) === raisedAt) return
    this.hands.set(key, raisedAt)
    this.record(sessionId, identity, { kind: 'hand_raised' })
  }

  /** A guided lab step was completed while this person took part (recorded once per step). */
  labStep(
    sessionId: string,
    identity: string,
    step: { scene: string; stepId: string; title: LocalizedText; group?: string },
  ): void {
    this.record(sessionId, identity, { kind: 'lab_step', ...step })
  }

  /** This person talked for `ms` milliseconds (one turn, from the media server's speaker detection). */
  speaking(sessionId: string, identity: string, ms: number): void {
    if (ms > 0) this.record(sessionId, identity, { kind: 'speaking', ms: Math.round(ms) })
  }

  /** This person's microphone was live for `ms` milliseconds (see microphone-time.ts). */
  microphone(sessionId: string, identity: string, ms: number): void {
    if (ms > 0) this.record(sessionId, identity, { kind: 'microphone', ms: Math.round(ms) })
  }

  /** A board update by this person was accepted. */
  boardUpdate(sessionId: string, identity: string): void {
    const key = `${sessionId}|${identity}`
    const c = this.boardCounts.get(key) ?? { sessionId, identity, updates: 0 }
    c.updates++
    this.boardCounts.set(key, c)
  }

  private flushBoard(key: string): void {
    const c = this.boardCounts.get(key)
    if (!c || c.updates === 0) return
    this.boardCounts.delete(key)
    const ctx = this.context(c.sessionId, c.identity)
    if (ctx) this.store.addEvent(c.sessionId, c.identity, { kind: 'board_contribution', updates: c.updates }, ctx.at)
  }

  private tick(): void {
    if (!this.sessions.isOpen) return
    try {
      for (const key of [...this.boardCounts.keys()]) this.flushBoard(key)
      this.sessions.putSetting(HEARTBEAT_KEY, String(this.now()))
    } catch (err) {
      this.log.error({ err }, 'could not store learning records')
    }
  }

  /**
   * After a crash some attendance intervals are still open: close them at the last heartbeat (at
   * most 30 s after the server was last seen alive), with their statements.
   */
  recoverOpenIntervals(): void {
    const last = Number(this.sessions.getSetting(HEARTBEAT_KEY) ?? this.now())
    for (const { sessionId, identity } of this.store.openIntervals()) this.left(sessionId, identity, last)
  }

  /** Stores counters and closes everyone's interval (a clean shutdown). */
  close(): void {
    clearInterval(this.timer)
    if (!this.sessions.isOpen) return
    this.tick()
    for (const { sessionId, identity } of this.store.openIntervals()) this.left(sessionId, identity)
  }
}
