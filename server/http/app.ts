/**
 * Builds the one Fastify instance: API, collab upgrade, scene files, XR input profiles and the
 * browser client.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import fastifyWebsocket from '@fastify/websocket'
import fastifyRateLimit from '@fastify/rate-limit'
import type { Logger } from 'pino'
import type { TokenService } from '../auth/tokens.ts'
import type { CollabServer } from '../collab/collab-server.ts'
import type { SceneCatalog } from '../scenes/catalog.ts'
import type { SessionService } from '../sessions/session-service.ts'
import { errorHandler } from './errors.ts'
import { healthRoutes } from './routes/health.ts'
import { sessionRoutes } from './routes/sessions.ts'
import { collabRoutes } from './routes/collab.ts'
import { sceneRoutes } from './routes/scenes.ts'
import { clientRoutes } from './routes/client.ts'
import { xrProfileRoutes } from './routes/xr-profiles.ts'
import { recordRoutes } from './routes/records.ts'
import { sfuRoutes } from '../media/sfu/routes.ts'
import type { SfuHost } from '../media/sfu/sfu-host.ts'
import { moderationRoutes } from './routes/moderation.ts'
import { mediaModerationRoutes } from './routes/media-moderation.ts'
import { breakoutRoutes } from './routes/breakouts.ts'
import type { MediaModeration } from '../media/media-moderation.ts'
import type { MediaService } from '../media/media-service.ts'
import type { Breakouts } from '../sessions/breakouts.ts'
import type { Moderation } from '../sessions/moderation.ts'
import type { SessionRouteDeps } from './routes/sessions.ts'
import type { Admission } from './routes/collab.ts'
import { participationRoutes } from './routes/participation.ts'
import type { ChatService } from '../participation/chat-service.ts'
import type { PollService } from '../participation/poll-service.ts'
import type { SessionStore } from '../store/session-store.ts'
import type { RecordsStore } from '../records/records-store.ts'
import type { BoardService } from '../boards/board-service.ts'
import { boardRoutes } from '../boards/board-routes.ts'
import { labRoutes } from './routes/labs.ts'
import { sceneUploadRoutes } from './routes/scene-upload.ts'
import type { LabStepService } from '../scenes/lab-steps/lab-step-service.ts'
import type { UploadService } from '../scenes/upload/upload-service.ts'

/** Largest JSON body the API accepts; uploads (later) have their own limits. */
export const API_BODY_LIMIT = 64 * 1024

export interface AppDeps {
  log: Logger
  /** The embedded media server, when no external LiveKit is configured. */
  sfu: SfuHost | undefined
  moderation: Moderation
  mediaModeration: MediaModeration
  breakouts: Breakouts
  media: MediaService
  tokenTtlSeconds: number
  onWaiting: SessionRouteDeps['onWaiting']
  admission: Admission
  chat: ChatService
  polls: PollService
  store: SessionStore
  records: RecordsStore
  sessions: SessionService
  tokens: TokenService
  collab: CollabServer
  boards: BoardService
  catalog: SceneCatalog
  labSteps: LabStepService
  uploads: UploadService
  adminToken: string
  publicUrl: string | undefined
  mediaUrl(base: string): string
  joinRateLimitPerMinute: number
  scenesDir: string
  clientDir: string
  isReady(): boolean
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: API_BODY_LIMIT,
    trustProxy: false,
  })
  app.setErrorHandler(errorHandler)
  // The API speaks JSON only; anything else is a 415 with a sentence, not a confusing 400.
  app.removeContentTypeParser('text/plain')
  app.addHook('onResponse', async (req, reply) => {
    const path = req.url.split('?')[0]
    const level = reply.statusCode >= 500 ? 'error' : 'debug'
    req.log[level]({ method: req.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'http')
  })
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifyWebsocket, {
    // Size limits are enforced by the collab server with its own close code; this is a backstop.
    options: { maxPayload: 64 * 1024 * 1024 },
  })
  healthRoutes(app, deps.isReady)
  sessionRoutes(app, deps)
  collabRoutes(app, deps)
  if (deps.sfu) sfuRoutes(app, deps.sfu)
  recordRoutes(app, deps)
  moderationRoutes(app, deps)
  mediaModerationRoutes(app, deps)
  breakoutRoutes(app, deps)
  participationRoutes(app, deps)
  await boardRoutes(app, deps)
  await sceneRoutes(app, deps)
  labRoutes(app, deps)
  sceneUploadRoutes(app, deps)
  await xrProfileRoutes(app)
  await clientRoutes(app, deps.clientDir)
  return app
}
