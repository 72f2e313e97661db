/**
 * Polls and quick quizzes: created, closed and revealed by moderators, answered by participants
 * through the API. Correct answers stay on the server until the teacher reveals them.
 */
import { z } from 'zod'

export const POLL_KINDS = ['single', 'multiple', 'short'] as const
export type PollKind = (typeof POLL_KINDS)[number]

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)

export const createPollRequestSchema = z
  .strictObject({
    question: text(500),
    kind: z.enum(POLL_KINDS),
    /** Choices for single and multiple choice (2–10). */
    options: z.array(text(200)).min(2, 'needs at least 2 options').max(10, 'may have at most 10 options').optional(),
    /** Indexes of the correct options, or accepted short answers (compared ignoring case and spaces). */
    correct: z.union([z.array(z.int().min(0)).min(1), z.array(text(200)).min(1)]).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind !== 'short' && !p.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'is required for choice polls' })
    if (p.kind === 'short' && p.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'is not allowed for short answers' })
    if (p.correct && p.kind !== 'short') {
      const idx = p.correct as unknown[]
      if (!idx.every((i) => typeof i === 'number' && i < (p.options?.length ?? 0))) {
        ctx.addIssue({ code: 'custom', path: ['correct'], message: 'must be indexes of the options' })
      } else if (p.kind === 'single' && idx.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['correct'],
          message: 'must name exactly one option for a single-choice poll',
        })
      }
    }
    if (p.correct && p.kind === 'short' && !p.correct.every((c) => typeof c === 'string')) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'must be the accepted answers' })
    }
  })
export type CreatePollRequest = z.infer<typeof createPollRequestSchema>

export const answerPollRequestSchema = z.union([
  z.strictObject({ choices: z.array(z.string().max(16)).min(1).max(10) }),
  z.strictObject({ text: text(500) }),
])
export type AnswerPollRequest = z.infer<typeof answerPollRequestSchema>

export const POLL_STATUSES = ['open', 'closed', 'revealed'] as const
export type PollStatus = (typeof POLL_STATUSES)[number]

/** A poll as it appears in the control document (`polls` map, keyed by id). */
export const pollViewSchema = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.enum(POLL_KINDS),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  status: z.enum(POLL_STATUSES),
  createdAt: z.number(),
  /** Present once revealed. */
  correct: z.array(z.string()).optional(),
  /** Present once revealed: answers per option id, and how many answered. */
  results: z.object({ answers: z.number(), counts: z.record(z.string(), z.number()) }).optional(),
})
export type PollView = z.infer<typeof pollViewSchema>
