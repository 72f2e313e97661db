import type { FastifyRequest } from 'fastify'
import { AtriumError } from '#common/errors.ts'
import { safeEqual } from '../../auth/secrets.ts'
import { Audience, type TokenService, type VerifiedToken } from '../../auth/tokens.ts'

export type Caller = { kind: 'admin' } | { kind: 'participant'; token: VerifiedToken }

const failure = {
  missing: 'This needs a token: Authorization: Bearer <session token or admin token>.',
  expired: 'The session token has expired; join again.',
  invalid: 'The token is not valid.',
} as const

/** Who sent a request: the admin token, or a participant's session token. Throws 401 otherwise. */
export async function callerOf(req: FastifyRequest, tokens: TokenService, adminToken: string): Promise<Caller> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  if (!m) throw AtriumError.unauthorized(failure.missing)
  if (safeEqual(m[1]!, adminToken)) return { kind: 'admin' }
  const verified = await tokens.verify(m[1], Audience.Session)
  if (!verified.ok) throw AtriumError.unauthorized(failure[verified.reason])
  return { kind: 'participant', token: verified.token }
}
