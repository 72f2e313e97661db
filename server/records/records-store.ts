/** Learning records in SQLite: attendance intervals, events, and the xAPI statement outbox. */
import type { Db } from '../store/database.ts'
import type { Device, Place } from '#common/collab/presence.ts'
import type { LearningEvent, LearningEventKind } from './events.ts'

export interface AttendanceRow {
  id: number
  identity: string
  place: Place
  device: Device
  joinedAt: number
  leftAt: number | null
}

export interface EventRow {
  identity: string
  kind: LearningEventKind
  at: number
  data: LearningEvent
}

export interface OutboxRow {
  id: string
  statement: string
  attempts: number
}

export class RecordsStore {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      openAttendance: db.prepare(
        'INSERT INTO attendance (session_id, identity, place, device, joined_at) VALUES (?, ?, ?, ?, ?)',
      ),
      openInterval: db.prepare<[string, string], { id: number; place: Place; device: Device; joined_at: number }>(
        'SELECT id, place, device, joined_at FROM attendance WHERE session_id = ? AND identity = ? AND left_at IS NULL ORDER BY id DESC LIMIT 1',
      ),
      closeAttendance: db.prepare('UPDATE attendance SET left_at = ? WHERE id = ?'),
      setDevice: db.prepare('UPDATE attendance SET device = ? WHERE id = ?'),
      closeAllOpen: db.prepare('UPDATE attendance SET left_at = ? WHERE left_at IS NULL'),
      openAll: db.prepare<[], { session_id: string; identity: string }>(
        'SELECT session_id, identity FROM attendance WHERE left_at IS NULL',
      ),
      attendanceOf: db.prepare<
        [string],
        { id: number; identity: string; place: Place; device: Device; joined_at: number; left_at: number | null }
      >('SELECT id, identity, place, device, joined_at, left_at FROM attendance WHERE session_id = ? ORDER BY id'),
      insertEvent: db.prepare(
        'INSERT INTO record_events (session_id, identity, kind, at, data) VALUES (?, ?, ?, ?, ?)',
      ),
      eventsOf: db.prepare<[string], { identity: string; kind: string; at: number; data: string }>(
        'SELECT identity, kind, at, data FROM record_events WHERE session_id = ? ORDER BY id',
      ),
      boardUpdatesSince: db.prepare<[string, string, number], { n: number | null }>(
        `SELECT SUM(json_extract(data, '$.updates')) AS n FROM record_events
         WHERE session_id = ? AND identity = ? AND kind = 'board_contribution' AND at >= ?`,
      ),
      enqueue: db.prepare(
        'INSERT INTO xapi_statements (id, session_id, statement, stored_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
      ),
      due: db.prepare<[number, number], { id: string; statement: string; attempts: number }>(
        'SELECT id, statement, attempts FROM xapi_statements WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY stored_at LIMIT ?',
      ),
      delivered: db.prepare('UPDATE xapi_statements SET delivered_at = ?, last_error = NULL WHERE id = ?'),
      failed: db.prepare(
        'UPDATE xapi_statements SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
      ),
      statementsOf: db.prepare<[string], { statement: string; delivered_at: number | null }>(
        'SELECT statement, delivered_at FROM xapi_statements WHERE session_id = ? ORDER BY stored_at, rowid',
      ),
      pendingCount: db.prepare<[], { n: number }>(
        'SELECT COUNT(*) AS n FROM xapi_statements WHERE delivered_at IS NULL',
      ),
      nextDue: db.prepare<[], { t: number | null }>(
        'SELECT MIN(next_attempt_at) AS t FROM xapi_statements WHERE delivered_at IS NULL',
      ),
    }
  }

  /** Runs `fn` in one transaction (a record and its statement are stored together or not at all). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  openAttendance(sessionId: string, identity: string, place: Place, device: Device, at: number): void {
    this.s.openAttendance.run(sessionId, identity, place, device, at)
  }

  openInterval(sessionId: string, identity: string): Omit<AttendanceRow, 'identity' | 'leftAt'> | undefined {
    const r = this.s.openInterval.get(sessionId, identity)
    return r ? { id: r.id, place: r.place, device: r.device, joinedAt: r.joined_at } : undefined
  }

  closeAttendance(id: number, at: number): void {
    this.s.closeAttendance.run(at, id)
  }

  setDevice(id: number, device: Device): void {
    this.s.setDevice.run(device, id)
  }

  /** Intervals left open by a crash: who was present when the server stopped. */
  openIntervals(): { sessionId: string; identity: string }[] {
    return this.s.openAll.all().map((r) => ({ sessionId: r.session_id, identity: r.identity }))
  }

  attendanceOf(sessionId: string): AttendanceRow[] {
    return this.s.attendanceOf.all(sessionId).map((r) => ({
      id: r.id,
      identity: r.identity,
      place: r.place,
      device: r.device,
      joinedAt: r.joined_at,
      leftAt: r.left_at,
    }))
  }

  addEvent(sessionId: string, identity: string, event: LearningEvent, at: number): void {
    this.s.insertEvent.run(sessionId, identity, event.kind, at, JSON.stringify(event))
  }

  eventsOf(sessionId: string): EventRow[] {
    return this.s.eventsOf.all(sessionId).map((r) => ({
      identity: r.identity,
      kind: r.kind as LearningEventKind,
      at: r.at,
      data: JSON.parse(r.data) as LearningEvent,
    }))
  }

  boardUpdatesSince(sessionId: string, identity: string, since: number): number {
    return this.s.boardUpdatesSince.get(sessionId, identity, since)?.n ?? 0
  }

  enqueueStatement(id: string, sessionId: string, statement: string, at: number): void {
    this.s.enqueue.run(id, sessionId, statement, at, at)
  }

  dueStatements(now: number, limit: number): OutboxRow[] {
    return this.s.due.all(now, limit)
  }

  markDelivered(ids: string[], at: number): void {
    this.transaction(() => {
      for (const id of ids) this.s.delivered.run(at, id)
    })
  }

  markFailed(ids: string[], nextAttemptAt: number, error: string): void {
    this.transaction(() => {
      for (const id of ids) this.s.failed.run(nextAttemptAt, error.slice(0, 500), id)
    })
  }

  statementsOf(sessionId: string): { statement: unknown; delivered: boolean }[] {
    return this.s.statementsOf.all(sessionId).map((r) => ({
      statement: JSON.parse(r.statement) as unknown,
      delivered: r.delivered_at !== null,
    }))
  }

  pendingStatements(): number {
    return this.s.pendingCount.get()?.n ?? 0
  }

  nextDueAt(): number | undefined {
    return this.s.nextDue.get()?.t ?? undefined
  }
}
