/**
 * Polls: a moderator creates, closes and reveals; participants answer once. The control document
 * shows every poll without its correct answers until revealed; moderators see live results in the
 * responses document; every answer is a learning record.
 */
import * as Y from 'yjs'
import { nanoid } from 'nanoid'
import { AtriumError, ErrorCode } from '#common/errors.ts'
import { ControlDoc, ResponsesDoc } from '#common/collab/doc-layout.ts'
import type { AnswerPollRequest, CreatePollRequest, PollView } from '#common/api/polls.ts'
import type { SessionId } from '#common/ids.ts'
import type { CollabServer } from '../collab/collab-server.ts'
import type { LearningRecorder } from '../records/recorder.ts'
import type { PollRecord, PollStore } from './poll-store.ts'

/** Short answers match when equal ignoring case, surrounding and repeated spaces, and width. */
export const normalizeAnswer = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

export class PollService {
  constructor(
    private readonly polls: PollStore,
    private readonly collab: CollabServer,
    private readonly recorder: LearningRecorder,
    private readonly now: () => number = Date.now,
  ) {}

  async create(sessionId: SessionId, req: CreatePollRequest): Promise<PollView> {
    const options = (req.options ?? []).map((label, i) => ({ id: `o${i + 1}`, label }))
    const correct =
      req.correct === undefined
        ? undefined
        : req.kind === 'short'
          ? (req.correct as string[])
          : (req.correct as number[]).map((i) => options[i]!.id)
    const poll: PollRecord = {
      id: nanoid(10),
      sessionId,
      question: req.question,
      kind: req.kind,
      options,
      correct,
      status: 'open',
      createdAt: this.now(),
    }
    this.polls.create(poll)
    const view = this.view(poll)
    await this.collab.write({ sessionId, kind: 'control' }, (doc) => doc.getMap(ControlDoc.polls).set(poll.id, view))
    return view
  }

  private get(sessionId: SessionId, pollId: string): PollRecord {
    const poll = this.polls.get(sessionId, pollId)
    if (!poll) throw AtriumError.notFound('There is no poll with this id in this session.')
    return poll
  }

  private view(poll: PollRecord, revealed = false): PollView {
    const view: PollView = {
      id: poll.id,
      question: poll.question,
      kind: poll.kind,
      options: poll.options,
      status: poll.status,
      createdAt: poll.createdAt,
    }
    if (revealed) {
      const answers = this.polls.answers(poll.id)
      const counts: Record<string, number> = {}
      for (const a of answers)
        if (Array.isArray(a.response)) for (const id of a.response) counts[id] = (counts[id] ?? 0) + 1
      view.results = { answers: answers.length, counts }
      if (poll.correct) view.correct = poll.correct
    }
    return view
  }

  async answer(sessionId: SessionId, pollId: string, who: { identity: string }, req: AnswerPollRequest): Promise<void> {
    const poll = this.get(sessionId, pollId)
    if (poll.status !== 'open') throw AtriumError.forbidden('This poll is closed.')
    let response: string[] | string
    if ('choices' in req) {
      if (poll.kind === 'short')
        throw AtriumError.badRequest('This poll takes a text answer.', [
          { path: 'choices', message: 'is not allowed for a short-answer poll' },
        ])
      const ids = [...new Set(req.choices)]
      if (!ids.every((id) => poll.options.some((o) => o.id === id))) {
        throw AtriumError.badRequest('Unknown option.', [
          { path: 'choices', message: 'must be ids of the poll options' },
        ])
      }
      if (poll.kind === 'single' && ids.length !== 1) {
        throw AtriumError.badRequest('Choose one option.', [
          { path: 'choices', message: 'must hold exactly one option' },
        ])
      }
      response = ids.sort()
    } else {
      if (poll.kind !== 'short')
        throw AtriumError.badRequest('This poll takes choices.', [
          { path: 'text', message: 'is not allowed for a choice poll' },
        ])
      response = req.text
    }
    const correct =
      poll.correct === undefined
        ? null
        : Array.isArray(response)
          ? response.length === poll.correct.length && response.every((id) => poll.correct!.includes(id))
          : poll.correct.some((c) => normalizeAnswer(c) === normalizeAnswer(response as string))
    const stored = this.polls.addAnswer(poll.id, { identity: who.identity, response, correct, at: this.now() })
    if (!stored) throw new AtriumError(ErrorCode.Conflict, 'You have already answered this poll.')
    this.recorder.record(sessionId, who.identity, {
      kind: 'poll_answer',
      pollId: poll.id,
      question: poll.question,
      interaction: poll.kind === 'short' ? 'fill-in' : 'choice',
      ...(poll.kind !== 'short' ? { choices: poll.options } : {}),
      response,
      ...(correct !== null ? { correct } : {}),
      ...(poll.correct && poll.kind !== 'short' ? { correctResponse: poll.correct } : {}),
    })
    await this.collab.write({ sessionId, kind: 'responses' }, (doc) => {
      const live = doc.getMap<Y.Map<unknown>>(ResponsesDoc.polls)
      let entry = live.get(poll.id)
      if (!entry) {
        entry = new Y.Map<unknown>()
        entry.set('answers', 0)
        entry.set('counts', new Y.Map<number>())
        entry.set('texts', new Y.Array<string>())
        live.set(poll.id, entry)
      }
      entry.set('answers', ((entry.get('answers') as number) ?? 0) + 1)
      if (Array.isArray(response)) {
        const counts = entry.get('counts') as Y.Map<number>
        for (const id of response) counts.set(id, (counts.get(id) ?? 0) + 1)
      } else (entry.get('texts') as Y.Array<string>).push([response])
    })
  }

  async setStatus(sessionId: SessionId, pollId: string, status: 'closed' | 'revealed'): Promise<PollView> {
    const poll = this.get(sessionId, pollId)
    this.polls.setStatus(poll.id, status)
    const view = this.view({ ...poll, status }, status === 'revealed')
    await this.collab.write({ sessionId, kind: 'control' }, (doc) => doc.getMap(ControlDoc.polls).set(poll.id, view))
    return view
  }
}
