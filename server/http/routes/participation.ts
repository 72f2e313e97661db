/** Chat and polls: every call is checked against the caller's session token and role. */
import type { FastifyInstance } from 'fastify'
import { chatRequestSchema } from '#common/api/chat.ts'
import { answerPollRequestSchema, createPollRequestSchema } from '#common/api/polls.ts'
import { AtriumError } from '#common/errors.ts'
import type { TokenService } from '../../auth/tokens.ts'
import type { ChatService } from '../../participation/chat-service.ts'
import type { PollService } from '../../participation/poll-service.ts'
import { parseOrThrow } from '../errors.ts'
import { requireCaller } from '../authorize.ts'
import { rateLimited } from '../rate-limit.ts'
import { sessionIdParam } from './sessions.ts'

export interface ParticipationDeps {
  tokens: TokenService
  adminToken: string
  chat: ChatService
  polls: PollService
}

const TALKERS = ['teacher', 'assistant', 'learner', 'onsite'] as const
const MODERATORS = ['teacher', 'assistant'] as const

export function participationRoutes(app: FastifyInstance, deps: ParticipationDeps): void {
  const participant = async (req: Parameters<typeof requireCaller>[0], roles: readonly (typeof TALKERS)[number][]) => {
    const id = sessionIdParam(req)
    const caller = await requireCaller(req, deps, id, roles)
    if (caller.kind !== 'participant')
      throw AtriumError.forbidden('Only participants do this, with their session token.')
    return { id, who: caller.token }
  }
  const pollId = (req: { params: unknown }) => String((req.params as { pollId: string }).pollId).slice(0, 32)

  app.post(
    '/api/sessions/:id/chat',
    { config: rateLimited(30, (req) => `chat:${req.headers.authorization ?? req.ip}`) },
    async (req, reply) => {
      const { id, who } = await participant(req, TALKERS)
      const body = parseOrThrow(chatRequestSchema, req.body, 'message')
      return reply.code(201).send(await deps.chat.post(id, who, body.text))
    },
  )

  app.post('/api/sessions/:id/polls', async (req, reply) => {
    const { id } = await participant(req, MODERATORS)
    const body = parseOrThrow(createPollRequestSchema, req.body, 'poll')
    return reply.code(201).send(await deps.polls.create(id, body))
  })

  app.post(
    '/api/sessions/:id/polls/:pollId/answer',
    { config: rateLimited(60, (req) => `answer:${req.headers.authorization ?? req.ip}`) },
    async (req, reply) => {
      const { id, who } = await participant(req, TALKERS)
      const body = parseOrThrow(answerPollRequestSchema, req.body, 'answer')
      await deps.polls.answer(id, pollId(req), who, body)
      return reply.code(204).send()
    },
  )

  for (const [action, status] of [
    ['close', 'closed'],
    ['reveal', 'revealed'],
  ] as const) {
    app.post(`/api/sessions/:id/polls/:pollId/${action}`, async (req) => {
      const { id } = await participant(req, MODERATORS)
      return deps.polls.setStatus(id, pollId(req), status)
    })
  }
}
