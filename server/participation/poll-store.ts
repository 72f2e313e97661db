import type { Db } from '../store/database.ts'
import type { PollKind, PollStatus } from '#common/api/polls.ts'

export interface PollRecord {
  id: string
  sessionId: string
  question: string
  kind: PollKind
  options: { id: string; label: string }[]
  /** Correct option ids, or accepted short answers; absent when the poll has no right answer. */
  correct: string[] | undefined
  status: PollStatus
  createdAt: number
}

export interface AnswerRecord {
  identity: string
  response: string[] | string
  correct: boolean | null
  at: number
}

interface PollRow {
  id: string
  session_id: string
  question: string
  kind: string
  options: string
  correct: string | null
  status: string
  created_at: number
}

const toPoll = (r: PollRow): PollRecord => ({
  id: r.id,
  sessionId: r.session_id,
  question: r.question,
  kind: r.kind as PollKind,
  options: JSON.parse(r.options) as PollRecord['options'],
  correct: r.correct === null ? undefined : (JSON.parse(r.correct) as string[]),
  status: r.status as PollStatus,
  createdAt: r.created_at,
})

/** Polls and their answers in SQLite. */
export class PollStore {
  private readonly s

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO polls (id, session_id, question, kind, options, correct, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string, string], PollRow>('SELECT * FROM polls WHERE id = ? AND session_id = ?'),
      setStatus: db.prepare('UPDATE polls SET status = ? WHERE id = ?'),
      answer: db.prepare(
        'INSERT INTO poll_answers (poll_id, identity, response, correct, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      answers: db.prepare<[string], { identity: string; response: string; correct: number | null; at: number }>(
        'SELECT identity, response, correct, at FROM poll_answers WHERE poll_id = ? ORDER BY at',
      ),
    }
  }

  create(p: PollRecord): void {
    this.s.insert.run(
      p.id,
      p.sessionId,
      p.question,
      p.kind,
      JSON.stringify(p.options),
      p.correct === undefined ? null : JSON.stringify(p.correct),
      p.status,
      p.createdAt,
    )
  }

  get(sessionId: string, pollId: string): PollRecord | undefined {
    const r = this.s.get.get(pollId, sessionId)
    return r ? toPoll(r) : undefined
  }

  setStatus(pollId: string, status: PollStatus): void {
    this.s.setStatus.run(status, pollId)
  }

  /** Stores an answer; `false` when this person had already answered. */
  addAnswer(pollId: string, a: AnswerRecord): boolean {
    const correct = a.correct === null ? null : a.correct ? 1 : 0
    return this.s.answer.run(pollId, a.identity, JSON.stringify(a.response), correct, a.at).changes === 1
  }

  answers(pollId: string): AnswerRecord[] {
    return this.s.answers.all(pollId).map((r) => ({
      identity: r.identity,
      response: JSON.parse(r.response) as string[] | string,
      correct: r.correct === null ? null : r.correct === 1,
      at: r.at,
    }))
  }
}
