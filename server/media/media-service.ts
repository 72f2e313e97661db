/**
 * The one face of media to the rest of the server: where clients connect and the token they use.
 * Which SFU answers (the embedded one on this port, or a real LiveKit) stays behind it.
 */
import { AccessToken } from 'livekit-server-sdk'
import type { MediaConfig } from '../config.ts'
import type { TokenClaims } from '../auth/tokens.ts'
import { grantsForRole } from './grants.ts'

export interface MediaCredentials {
  apiKey: string
  apiSecret: string
}

export interface MediaService {
  readonly mode: MediaConfig['mode']
  /** The key pair tokens are signed with (and RoomServiceClient authenticates with). */
  readonly credentials: MediaCredentials
  /** The URL livekit-client connects to, given the public base URL of this server. */
  url(publicBase: string): string
  /** A LiveKit access token for one participant of one session's room. */
  mintToken(claims: TokenClaims, ttlSeconds: number): Promise<string>
}

/** LiveKit room name of a session. */
export const roomName = (sessionId: string) => `atrium-${sessionId}`

export function createMediaService(config: MediaConfig, generated: MediaCredentials): MediaService {
  const creds: MediaCredentials =
    config.mode === 'livekit'
      ? config
      : { apiKey: config.apiKey ?? generated.apiKey, apiSecret: config.apiSecret ?? generated.apiSecret }
  return {
    mode: config.mode,
    credentials: creds,
    url(publicBase) {
      if (config.mode === 'livekit') return config.url
      return publicBase.replace(/^http/, 'ws')
    },
    async mintToken(claims, ttlSeconds) {
      const at = new AccessToken(creds.apiKey, creds.apiSecret, {
        identity: claims.identity,
        name: claims.name,
        ttl: ttlSeconds,
        attributes: { role: claims.role },
      })
      at.addGrant(grantsForRole(claims.role, roomName(claims.sessionId)))
      return at.toJwt()
    },
  }
}
