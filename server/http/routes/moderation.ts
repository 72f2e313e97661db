/**
 * Running the session: settings, invites, the lobby, removing someone, ending it. Moderators of
 * the session (teacher, assistant) or the admin; the lobby wait is for the person waiting.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { inviteExpiryRequestSchema, updateSessionRequestSchema, type InvitesResponse } from '#common/api/moderation.ts'
import { AtriumError, ErrorReason } from '#common/errors.ts'
import { roleSchema } from '#common/roles.ts'
import type { SessionId } from '#common/ids.ts'
import { Audience, type TokenService } from '../../auth/tokens.ts'
import type { SessionService } from '../../sessions/session-service.ts'
import type { SessionStore } from '../../store/session-store.ts'
import type { Moderation } from '../../sessions/moderation.ts'
import { joinLink } from '../../sessions/links.ts'
import { parseOrThrow } from '../errors.ts'
import { bearerOf, requireCaller } from '../authorize.ts'
import { baseUrlOf } from '../base-url.ts'
import { sessionIdParam, urlsFor } from './sessions.ts'

export interface ModerationDeps {
  tokens: TokenService
  adminToken: string
  sessions: SessionService
  store: SessionStore
  moderation: Moderation
  publicUrl: string | undefined
  mediaUrl(base: string): string
}

const LOBBY_WAIT_MS = 25_000

export function moderationRoutes(app: FastifyInstance, deps: ModerationDeps): void {
  const moderator = async (req: FastifyRequest): Promise<SessionId> => {
    const id = sessionIdParam(req)
    await requireCaller(req, deps, id, ['teacher', 'assistant'])
    return id
  }
  const param = (req: FastifyRequest, name: string) =>
    String((req.params as Record<string, string>)[name] ?? '').slice(0, 64)
  const roleParam = (req: FastifyRequest) => {
    const r = roleSchema.safeParse(param(req, 'role'))
    if (!r.success) throw AtriumError.notFound('There is no such role.')
    return r.data
  }

  app.patch('/api/sessions/:id', async (req) => {
    const id = await moderator(req)
    await deps.moderation.update(id, parseOrThrow(updateSessionRequestSchema, req.body, 'change'))
    return deps.sessions.info(id)
  })

  app.post('/api/sessions/:id/end', async (req) => {
    const id = await moderator(req)
    await deps.moderation.end(id)
    return deps.sessions.info(id)
  })

  app.get('/api/sessions/:id/invites', async (req): Promise<InvitesResponse> => {
    const id = await moderator(req)
    const base = baseUrlOf(req, deps.publicUrl)
    return {
      invites: deps.store.inviteInfo(id).map((i) => ({
        role: i.role,
        code: i.code,
        link: joinLink(base, id, i.code),
        expiresAt: i.expiresAt === null ? null : new Date(i.expiresAt).toISOString(),
      })),
    }
  })

  app.post('/api/sessions/:id/invites/:role/rotate', async (req, reply) => {
    const id = await moderator(req)
    deps.moderation.rotateInvite(id, roleParam(req))
    return reply.code(204).send()
  })

  app.put('/api/sessions/:id/invites/:role', async (req, reply) => {
    const id = await moderator(req)
    const body = parseOrThrow(inviteExpiryRequestSchema, req.body, 'invite')
    deps.moderation.setInviteExpiry(id, roleParam(req), body.expiresAt === null ? null : Date.parse(body.expiresAt))
    return reply.code(204).send()
  })

  app.post('/api/sessions/:id/lobby/:identity/admit', async (req, reply) => {
    const id = await moderator(req)
    await deps.moderation.admit(id, param(req, 'identity'))
    return reply.code(204).send()
  })

  app.post('/api/sessions/:id/lobby/:identity/deny', async (req, reply) => {
    const id = await moderator(req)
    await deps.moderation.deny(id, param(req, 'identity'))
    return reply.code(204).send()
  })

  app.post('/api/sessions/:id/lobby/admit-all', async (req) => {
    const id = await moderator(req)
    return { admitted: await deps.moderation.admitAll(id) }
  })

  app.post('/api/sessions/:id/participants/:identity/remove', async (req, reply) => {
    const id = await moderator(req)
    await deps.moderation.remove(id, param(req, 'identity'))
    return reply.code(204).send()
  })

  // Long poll: answers when a moderator decides, or 204 after 25 s (ask again).
  app.get('/api/sessions/:id/lobby/wait', async (req, reply) => {
    const id = sessionIdParam(req)
    const verified = await deps.tokens.verify(bearerOf(req), Audience.Lobby)
    if (!verified.ok) throw AtriumError.unauthorized('A valid lobby token is required.')
    if (verified.token.sessionId !== id) throw AtriumError.forbidden('This token belongs to another session.')
    const status = await deps.moderation.wait(verified.token.identity, LOBBY_WAIT_MS)
    if (status === 'waiting') return reply.code(204).send()
    if (status !== 'admitted') throw AtriumError.forbidden('The teacher did not let you in.', ErrorReason.NotAdmitted)
    return deps.sessions.admittedCredentials(verified.token, urlsFor(baseUrlOf(req, deps.publicUrl), deps.mediaUrl))
  })
}
