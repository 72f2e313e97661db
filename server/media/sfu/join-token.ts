/** Checks a LiveKit join token as the SFU must before it opens a signal socket. */
import type { ClaimGrants, TokenVerifier } from 'livekit-server-sdk'
import type { TokenCheck } from './sfu-host.ts'

export async function checkJoinToken(verifier: TokenVerifier, token: string | undefined): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: 'no access token' }
  let claims: ClaimGrants
  try {
    claims = await verifier.verify(token)
  } catch (err) {
    const msg = (err as Error).message
    return { ok: false, reason: /exp/i.test(msg) ? 'token expired' : 'invalid token' }
  }
  const room = claims.video?.room
  if (!claims.video?.roomJoin || !room) return { ok: false, reason: 'token has no permission to join a room' }
  if (!claims.sub) return { ok: false, reason: 'token has no identity' }
  return { ok: true, claims, room }
}
