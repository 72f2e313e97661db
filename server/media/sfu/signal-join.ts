/**
 * What a client asks for when it opens a signal socket, from either path: `/rtc/v1` packs a
 * JoinRequest into the URL (`join_request`, with the first offer inside); the classic `/rtc`
 * names a few settings as plain query parameters and offers nothing up front.
 */
import { z } from 'zod'
import type { SessionDescription } from '@livekit/protocol'
import type { SignalPath } from './participant-transport.ts'
import { decodeJoinRequest } from './signal-codec.ts'

export type SignalJoin =
  /** One peer connection; its first offer may ride in the join. */
  | {
      path: '/rtc/v1'
      reconnect: boolean
      /** On a reconnect, the participant the client was (livekit-client resumes it if it can). */
      participantSid: string | undefined
      publisherOffer: SessionDescription | undefined
    }
  /** Two peer connections; the server offers the subscriber connection after the JoinResponse. */
  | { path: '/rtc'; reconnect: boolean; participantSid: string | undefined }

export type JoinParse = { ok: true; join: SignalJoin } | { ok: false; reason: string }

/** `/rtc/v1?join_request=<base64url WrappedJoinRequest>`. */
export function v1Join(query: unknown): JoinParse {
  const param = (query as { join_request?: unknown } | undefined)?.join_request
  if (typeof param !== 'string') return { ok: false, reason: 'join_request is required' }
  try {
    const req = decodeJoinRequest(param)
    return {
      ok: true,
      join: {
        path: '/rtc/v1',
        reconnect: req.reconnect,
        participantSid: req.participantSid || undefined,
        publisherOffer: req.publisherOffer,
      },
    }
  } catch {
    return { ok: false, reason: 'join_request is not valid' }
  }
}

/** livekit-client and the native SDKs send `1`; older clients wrote `true`. */
const Flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true')

/**
 * `/rtc?reconnect=1&sid=…&auto_subscribe=1&sdk=…&protocol=…`. Only `reconnect` and `sid` (the
 * participant to resume) change what the server does; like `/rtc/v1`, every participant is
 * subscribed to everything it may receive.
 */
const ClassicQuery = z.object({ reconnect: Flag, sid: z.string().max(64).optional() })

export function classicJoin(query: unknown): JoinParse {
  const q = ClassicQuery.safeParse(query ?? {})
  if (!q.success) return { ok: false, reason: 'reconnect must be 0 or 1, sid at most 64 characters' }
  return { ok: true, join: { path: '/rtc', reconnect: q.data.reconnect, participantSid: q.data.sid || undefined } }
}

export const joinParsers: Record<SignalPath, (query: unknown) => JoinParse> = {
  '/rtc/v1': v1Join,
  '/rtc': classicJoin,
}
