/**
 * Audio moderation for the session's teachers and assistants (or the admin): mute one
 * microphone, mute every learner, allow or revoke speaking. Carried out through LiveKit's
 * RoomService (server/media/media-moderation.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  mediaTokenRequestSchema,
  speakingRequestSchema,
  type MediaTokenResponse,
  type MuteResponse,
  type SpeakingResponse,
} from '#common/api/media.ts'
import { AtriumError, ErrorReason } from '#common/errors.ts'
import type { MediaService } from '../../media/media-service.ts'
import type { Breakouts } from '../../sessions/breakouts.ts'
import type { SessionStore } from '../../store/session-store.ts'
import { baseUrlOf } from '../base-url.ts'
import type { TokenService } from '../../auth/tokens.ts'
import type { MediaModeration } from '../../media/media-moderation.ts'
import { parseOrThrow } from '../errors.ts'
import { requireCaller } from '../authorize.ts'
import { sessionIdParam } from './sessions.ts'
import type { CollabServer } from '../../collab/collab-server.ts'
import { LessonSettings, setSettingsEntry } from '#common/collab/lesson-control.ts'

export interface MediaModerationRouteDeps {
  tokens: TokenService
  adminToken: string
  mediaModeration: MediaModeration
  breakouts: Breakouts
  media: MediaService
  store: SessionStore
  publicUrl: string | undefined
  tokenTtlSeconds: number
  collab: CollabServer
}

export function mediaModerationRoutes(app: FastifyInstance, deps: MediaModerationRouteDeps): void {
  const moderator = async (req: FastifyRequest) => {
    const id = sessionIdParam(req)
    await requireCaller(req, deps, id, ['teacher', 'assistant'])
    return id
  }
  const identityParam = (req: FastifyRequest) =>
    String((req.params as Record<string, string>).identity ?? '').slice(0, 64)

  app.post('/api/sessions/:id/media/participants/:identity/mute', async (req): Promise<MuteResponse> => {
    const id = await moderator(req)
    return { muted: await deps.mediaModeration.mute(id, identityParam(req)) }
  })

  app.post('/api/sessions/:id/media/mute-learners', async (req): Promise<MuteResponse> => {
    const id = await moderator(req)
    return { muted: await deps.mediaModeration.muteLearners(id) }
  })

  app.put('/api/sessions/:id/media/participants/:identity/speaking', async (req): Promise<SpeakingResponse> => {
    const id = await moderator(req)
    const body = parseOrThrow(speakingRequestSchema, req.body, 'change')
    const identity = identityParam(req)
    const allowed = await deps.mediaModeration.setSpeaking(id, identity, body.allowed)
    // Every moderator's console (and a reload) shows who may speak.
    await deps.collab.write({ sessionId: id, kind: 'control' }, (doc) =>
      setSettingsEntry(doc, LessonSettings.maySpeak, identity, allowed),
    )
    return { identity, allowed }
  })

  // The media room this participant belongs in now (main room or breakout group).
  app.post('/api/sessions/:id/media/token', async (req): Promise<MediaTokenResponse> => {
    const id = sessionIdParam(req)
    const caller = await requireCaller(req, deps, id, ['teacher', 'assistant', 'learner', 'onsite', 'room', 'observer'])
    if (caller.kind !== 'participant') throw AtriumError.forbidden('Only participants join the media rooms.')
    const who = caller.token
    if (deps.store.participantStatus(who.identity)?.status !== 'admitted')
      throw AtriumError.forbidden('You were removed from this session.', ErrorReason.NotAdmitted)
    const body = parseOrThrow(mediaTokenRequestSchema, req.body ?? {}, 'request')
    const place = deps.breakouts.mediaPlace(id, who, body.group)
    return {
      url: deps.media.url(baseUrlOf(req, deps.publicUrl)),
      token: await deps.media.mintToken(who, deps.tokenTtlSeconds, place.room),
      ...place,
    }
  })
}
