/**
 * Builds and starts the whole server from a Config: storage → secrets → services → one HTTP port.
 * main.ts runs it for `npm start`; integration tests run it on port 0 with a temporary data dir.
 */
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Config } from './config.ts'
import { openDatabase } from './store/database.ts'
import { SessionStore } from './store/session-store.ts'
import { loadOrCreateAdminToken, loadOrCreateSecrets, type AdminTokenSource } from './auth/secrets.ts'
import { TokenService } from './auth/tokens.ts'
import { createMediaService } from './media/media-service.ts'
import { SceneCatalog } from './scenes/catalog.ts'
import { uploadedScenesDir } from './scenes/upload/upload-paths.ts'
import { UploadStore } from './scenes/upload/upload-store.ts'
import { UploadService } from './scenes/upload/upload-service.ts'
import { LabStepStore } from './scenes/lab-steps/lab-step-store.ts'
import { LabStepService } from './scenes/lab-steps/lab-step-service.ts'
import { CollabServer } from './collab/collab-server.ts'
import { SessionService } from './sessions/session-service.ts'
import { buildApp } from './http/app.ts'

export interface Atrium {
  app: FastifyInstance
  config: Config
  /** Where this server listens, e.g. `http://127.0.0.1:8080`. */
  url: string
  port: number
  admin: AdminTokenSource
  sessions: SessionService
  store: SessionStore
  collab: CollabServer
  catalog: SceneCatalog
  /** Lab step records; `onRecorded` is the hook for learning records. */
  labSteps: LabStepService
  /** Stops accepting, closes sockets and storage. Safe to call twice. */
  close(): Promise<void>
}

/** Extras for the authoring tools (`scene dev`), never set by `npm start`. */
export interface AtriumOptions {
  /** Scene package folders served besides the built-in and uploaded ones. */
  scenePackages?: string[]
}

export async function startAtrium(config: Config, log: Logger, options: AtriumOptions = {}): Promise<Atrium> {
  const db = openDatabase(config.dataDir)
  const store = new SessionStore(db)
  const secrets = loadOrCreateSecrets(config.dataDir)
  const admin = loadOrCreateAdminToken(config.dataDir, config.adminToken)
  const tokens = new TokenService(secrets.tokenSecret)
  const media = createMediaService(config.media, secrets.livekit)
  const catalog = await SceneCatalog.load(
    { builtIn: config.scenesDir, uploads: uploadedScenesDir(config.dataDir), packages: options.scenePackages },
    log.child({ part: 'scenes' }),
  )
  const collab = new CollabServer(log.child({ part: 'collab' }))
  const sessions = new SessionService({
    store,
    tokens,
    media,
    catalog,
    tokenTtlSeconds: config.tokenTtlSeconds,
    presenceCount: (id) => collab.presenceCount(id),
  })
  const labSteps = new LabStepService({ store: new LabStepStore(db), sessions, catalog })
  const uploads = new UploadService({ dataDir: config.dataDir, catalog, uploads: new UploadStore(db) })
  const app = await buildApp({
    log,
    sessions,
    tokens,
    collab,
    catalog,
    labSteps,
    uploads,
    adminToken: admin.token,
    publicUrl: config.publicUrl,
    mediaUrl: (base) => media.url(base),
    joinRateLimitPerMinute: config.joinRateLimitPerMinute,
    scenesDir: config.scenesDir,
    clientDir: config.clientDir,
    isReady: () => store.isOpen,
  })
  await app.listen({ port: config.port, host: config.host })
  const { port } = app.server.address() as AddressInfo
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  let closing: Promise<void> | undefined
  return {
    app,
    config,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    admin,
    sessions,
    store,
    collab,
    catalog,
    labSteps,
    close() {
      closing ??= (async () => {
        collab.close()
        await app.close()
        store.close()
      })()
      return closing
    },
  }
}
