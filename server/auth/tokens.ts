/**
 * Session and collab tokens: HS256 JWTs signed with the server's token secret.
 * The session token proves who someone is in a session; the collab token opens its documents.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'
import { z } from 'zod'
import { roleSchema, type Role } from '#common/roles.ts'
import type { ParticipantIdentity, SessionId } from '#common/ids.ts'

const ISSUER = 'atrium'
export const Audience = { Session: 'atrium:session', Collab: 'atrium:collab', Lobby: 'atrium:lobby' } as const
export type Audience = (typeof Audience)[keyof typeof Audience]

export interface TokenClaims {
  sessionId: SessionId
  identity: ParticipantIdentity
  name: string
  role: Role
}

export interface VerifiedToken extends TokenClaims {
  /** Expiry, seconds since the epoch. */
  exp: number
}

const payloadSchema = z.object({
  sid: z.string(),
  sub: z.string(),
  name: z.string(),
  role: roleSchema,
  exp: z.number(),
})

export type TokenFailure = 'missing' | 'expired' | 'invalid'

export class TokenService {
  private readonly key: Uint8Array

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret)
  }

  async sign(claims: TokenClaims, audience: Audience, ttlSeconds: number, now = Date.now()): Promise<string> {
    const iat = Math.floor(now / 1000)
    return new SignJWT({ sid: claims.sessionId, name: claims.name, role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(claims.identity)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.key)
  }

  /** Verifies a token for one audience; never throws. */
  async verify(
    token: string | undefined,
    audience: Audience,
  ): Promise<{ ok: true; token: VerifiedToken } | { ok: false; reason: TokenFailure }> {
    if (!token) return { ok: false, reason: 'missing' }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
      })
      const p = payloadSchema.safeParse(payload)
      if (!p.success) return { ok: false, reason: 'invalid' }
      return {
        ok: true,
        token: {
          sessionId: p.data.sid as SessionId,
          identity: p.data.sub as ParticipantIdentity,
          name: p.data.name,
          role: p.data.role,
          exp: p.data.exp,
        },
      }
    } catch (err) {
      return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' }
    }
  }
}
