import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createSessionRequestSchema, type CreateSessionResponse } from '#common/api/sessions.ts'
import { joinRequestSchema } from '#common/api/join.ts'
import { AtriumError } from '#common/errors.ts'
import { sessionIdSchema, type SessionId } from '#common/ids.ts'
import type { SessionService } from '../../sessions/session-service.ts'
import { joinLinks } from '../../sessions/links.ts'
import { bearerOf, requireAdmin } from '../authorize.ts'
import { baseUrlOf, toWebSocketUrl } from '../base-url.ts'
import { parseOrThrow } from '../errors.ts'
import { rateLimited } from '../rate-limit.ts'

export interface SessionRouteDeps {
  sessions: SessionService
  adminToken: string
  publicUrl: string | undefined
  mediaUrl(base: string): string
  joinRateLimitPerMinute: number
  /** Someone entered the lobby (the session has a waiting room). */
  onWaiting(sessionId: SessionId, participant: { identity: string; name: string; role: string }): Promise<void>
}

export function sessionIdParam(req: FastifyRequest): SessionId {
  const id = sessionIdSchema.safeParse((req.params as { id?: unknown }).id)
  if (!id.success) throw AtriumError.notFound('There is no session with this id.')
  return id.data
}

export const urlsFor = (base: string, mediaUrl: (base: string) => string) => ({
  collab: `${toWebSocketUrl(base)}/collab`,
  media: mediaUrl(base),
})

export function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const urls = (base: string) => urlsFor(base, deps.mediaUrl)

  app.post('/api/sessions', { config: rateLimited(60, (req) => `create:${req.ip}`) }, async (req, reply) => {
    requireAdmin(req, deps.adminToken)
    const body = parseOrThrow(createSessionRequestSchema, req.body, 'request body')
    const { session, invites } = deps.sessions.create(body)
    const res: CreateSessionResponse = {
      id: session.id,
      title: session.title,
      scene: session.scene,
      invites,
      links: joinLinks(baseUrlOf(req, deps.publicUrl), session.id, invites),
    }
    return reply.code(201).send(res)
  })

  app.get('/api/sessions/:id', async (req) => deps.sessions.info(sessionIdParam(req)))

  app.post(
    '/api/sessions/:id/join',
    {
      config: rateLimited(deps.joinRateLimitPerMinute, (req) => {
        const id = (req.params as { id?: string }).id ?? ''
        return `join:${req.ip}:${id.slice(0, 16)}`
      }),
    },
    async (req, reply) => {
      const id = sessionIdParam(req)
      deps.sessions.get(id)
      const body = parseOrThrow(joinRequestSchema, req.body, 'request body')
      const base = baseUrlOf(req, deps.publicUrl)
      const outcome = await deps.sessions.join(id, body.invite, body.name, urls(base))
      if (outcome.status === 'admitted') return outcome.response
      await deps.onWaiting(id, outcome.response.participant)
      return reply.code(202).send(outcome.response)
    },
  )

  app.post(
    '/api/sessions/:id/refresh',
    { config: rateLimited(600, (req) => `refresh:${req.ip}:${(req.params as { id?: string }).id?.slice(0, 16)}`) },
    async (req) => {
      const id = sessionIdParam(req)
      return deps.sessions.refresh(id, bearerOf(req), urls(baseUrlOf(req, deps.publicUrl)))
    },
  )
}
