/**
 * Who is calling: the admin (admin token) or a participant (session token), from
 * `Authorization: Bearer …`. Every route that changes or reveals something checks it here.
 */
import type { FastifyRequest } from 'fastify'
import { AtriumError } from '#common/errors.ts'
import type { Role } from '#common/roles.ts'
import type { SessionId } from '#common/ids.ts'
import { safeEqual } from '../auth/secrets.ts'
import { Audience, type TokenService, type VerifiedToken } from '../auth/tokens.ts'

export type Caller = { kind: 'admin' } | { kind: 'participant'; token: VerifiedToken }

export function bearerOf(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
}

export function requireAdmin(req: FastifyRequest, adminToken: string): void {
  const bearer = bearerOf(req)
  if (!bearer) throw AtriumError.unauthorized('This needs the admin token: Authorization: Bearer <token>.')
  if (!safeEqual(bearer, adminToken)) throw AtriumError.unauthorized('The admin token is not valid.')
}

/**
 * The admin, or a participant of `sessionId` whose role is one of `roles`. 401 without a valid
 * token; 403 for someone of another session or role.
 */
export async function requireCaller(
  req: FastifyRequest,
  deps: { adminToken: string; tokens: TokenService },
  sessionId: SessionId,
  roles: readonly Role[],
): Promise<Caller> {
  const bearer = bearerOf(req)
  if (!bearer) throw AtriumError.unauthorized('This needs a token: Authorization: Bearer <token>.')
  if (safeEqual(bearer, deps.adminToken)) return { kind: 'admin' }
  const verified = await deps.tokens.verify(bearer, Audience.Session)
  if (!verified.ok) {
    throw AtriumError.unauthorized(
      verified.reason === 'expired' ? 'Your session token has expired.' : 'The token is not valid.',
    )
  }
  if (verified.token.sessionId !== sessionId) throw AtriumError.forbidden('This token belongs to another session.')
  if (!roles.includes(verified.token.role)) throw AtriumError.forbidden('Your role may not do this.')
  return { kind: 'participant', token: verified.token }
}
