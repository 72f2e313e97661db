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
  /** A LiveKit access token for one participant of the session's room (or of `room`, a breakout's). */
  mintToken(claims: TokenClaims, ttlSeconds: number, room?: string): Promise<string>
}

/** LiveKit room name of a session. */
export const roomName = (sessionId: string) => `atrium-${sessionId}`

/** LiveKit room of a breakout group: its members hear only each other there. */
export const groupRoomName = (sessionId: string, group: string) => `${roomName(sessionId)}-g-${group}`

/** The session a media room belongs to (its main room or a group's), if it is one of Atrium's. */
export function sessionOfRoom(room: string): string | undefined {
  return /^atrium-([23456789a-hjkmnp-z]{10})(?:-g-[a-z0-9-]{1,32})?$/.exec(room)?.[1]
}

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
    async mintToken(claims, ttlSeconds, room = roomName(claims.sessionId)) {
      const at = new AccessToken(creds.apiKey, creds.apiSecret, {
        identity: claims.identity,
        name: claims.name,
        ttl: ttlSeconds,
        attributes: { role: claims.role },
      })
      at.addGrant(grantsForRole(claims.role, room))
      return at.toJwt()
    },
  }
}
