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
import { DocStore } from './store/doc-store.ts'
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
import { RecordsStore } from './records/records-store.ts'
import { LearningRecorder } from './records/recorder.ts'
import { LrsDelivery } from './records/lrs-delivery.ts'
import { recordsObserver } from './records/collab-observer.ts'
import { ChatService } from './participation/chat-service.ts'
import { PollService } from './participation/poll-service.ts'
import { PollStore } from './participation/poll-store.ts'
import { Moderation } from './sessions/moderation.ts'
import { EmbeddedSfu } from './media/sfu/embedded-sfu.ts'
import { ThreadedSfu } from './media/sfu/threaded-sfu.ts'
import type { SfuHost } from './media/sfu/sfu-host.ts'
import type { SfuConfig } from './media/sfu/sfu-config.ts'
import { MediaModeration } from './media/media-moderation.ts'
import { SpeakingTime } from './records/speaking-time.ts'
import { MicrophoneTime, sampleMicrophones } from './records/microphone-time.ts'
import { listLiveMicrophones } from './media/live-microphones.ts'
import { roomServiceFor } from './media/room-service-client.ts'
import { Breakouts } from './sessions/breakouts.ts'
import { CloseCode } from '#common/protocol/close-codes.ts'
import type { SceneId, SessionId } from '#common/ids.ts'
import { BoardService } from './boards/board-service.ts'

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
  records: RecordsStore
  recorder: LearningRecorder
  /** The embedded media server (absent with LIVEKIT_URL). */
  sfu: SfuHost | undefined
  boards: BoardService
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
  const secrets = loadOrCreateSecrets(config.dataDir)
  const admin = loadOrCreateAdminToken(config.dataDir, config.adminToken)
  const tokens = new TokenService(secrets.tokenSecret)
  const media = createMediaService(config.media, secrets.livekit)
  const catalog = await SceneCatalog.load(
    { builtIn: config.scenesDir, uploads: uploadedScenesDir(config.dataDir), packages: options.scenePackages },
    log.child({ part: 'scenes' }),
  )
  const db = openDatabase(config.dataDir)
  const store = new SessionStore(db)
  const records = new RecordsStore(db)
  // Set once the port is known; statements use PUBLIC_URL, else this server's own address.
  let baseIri = config.publicUrl ?? 'http://localhost'
  const delivery = config.lrs ? new LrsDelivery(records, config.lrs, log.child({ part: 'xapi' })) : undefined
  const recorder = new LearningRecorder(records, store, '', log.child({ part: 'records' }), () => delivery?.poke())
  recorder.baseIri = () => baseIri
  recorder.recoverOpenIntervals()
  const collab = new CollabServer(
    new DocStore(db),
    log.child({ part: 'collab' }),
    config.collab,
    undefined,
    recordsObserver(recorder),
    config.leaveGraceMs,
  )
  const boards = new BoardService(db, config.dataDir, collab, {
    maxUploadBytes: config.uploads.maxBytes,
    maxPages: config.uploads.maxPages,
  })
  const sfu = config.media.mode === 'embedded' ? embeddedSfu(config.media, media.credentials, log) : undefined
  if (sfu) {
    const speaking = new SpeakingTime(recorder)
    sfu.onSpeaking = (room, identity, talking, at) => speaking.handle(room, identity, talking, at)
  }
  const sessions = new SessionService({
    store,
    tokens,
    media,
    catalog,
    tokenTtlSeconds: config.tokenTtlSeconds,
    presenceCount: (id) => collab.presenceCount(id),
    mediaJoinExpected: (room) => sfu?.expectJoin(room),
  })
  const chat = new ChatService(collab, recorder)
  const moderation = new Moderation(store, sessions, collab, catalog)
  // Set once the port is known: the embedded SFU answers RoomService calls on this server itself.
  let selfUrl = ''
  const breakouts = new Breakouts(collab)
  const mediaHost = () => (config.media.mode === 'livekit' ? config.media.url.replace(/^ws/, 'http') : selfUrl)
  const roomService = roomServiceFor(mediaHost, media.credentials)
  const mediaModeration = new MediaModeration({
    roomService,
    isParticipant: (sessionId, identity) => store.participantStatus(identity)?.sessionId === sessionId,
    rooms: (sessionId) => breakouts.rooms(sessionId),
  })
  const polls = new PollService(new PollStore(db), collab, recorder)
  const labSteps = new LabStepService({
    store: new LabStepStore(db),
    sessions,
    catalog,
    inGroup: (who, group) =>
      collab.rightOn(who, {
        sessionId: who.sessionId,
        kind: 'lab',
        scene: sessions.get(who.sessionId).scene as SceneId,
        group,
      }) !== 'none',
    labDoc: ({ sessionId, scene, group }) => {
      const id = scene as SceneId
      return collab.read(group ? { sessionId, kind: 'lab', scene: id, group } : { sessionId, kind: 'lab', scene: id })
    },
  })
  labSteps.onRecorded((row) => {
    const title = catalog.get(row.scene)?.scene.lab?.steps.find((s) => s.id === row.step)?.title
    if (!title) return
    const step = { scene: row.scene, stepId: row.step, title }
    recorder.labStep(row.sessionId, row.identity, row.group ? { ...step, group: row.group } : step)
  })
  const uploads = new UploadService({ dataDir: config.dataDir, catalog, uploads: new UploadStore(db) })
  const app = await buildApp({
    log,
    sfu,
    moderation,
    mediaModeration,
    breakouts,
    media,
    tokenTtlSeconds: config.tokenTtlSeconds,
    onWaiting: (id, p) => moderation.enterLobby(id, p),
    admission: (ctx) => {
      const session = store.getSession(ctx.sessionId as SessionId)
      if (!session || session.endedAt !== null) return { code: CloseCode.NotFound, reason: 'the session has ended' }
      if (store.participantStatus(ctx.user.identity)?.status !== 'admitted') {
        return { code: CloseCode.Forbidden, reason: 'not admitted to this session' }
      }
      return undefined
    },
    chat,
    polls,
    store,
    records,
    sessions,
    tokens,
    collab,
    boards,
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
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`
  baseIri = config.publicUrl ?? url
  // Listening on every address: call ourselves on loopback.
  selfUrl = config.host === '0.0.0.0' ? `http://127.0.0.1:${port}` : config.host === '::' ? `http://[::1]:${port}` : url
  delivery?.start()
  const microphones = sampleMicrophones(
    new MicrophoneTime(recorder),
    // Without media rooms on the embedded SFU nobody has a microphone: no need to ask.
    async () => (sfu && !sfu.hasRooms() ? [] : listLiveMicrophones(roomService())),
    config.microphoneSampleMs,
    (err) => log.warn({ err }, 'could not ask the media server whose microphone is on'),
  )
  let closing: Promise<void> | undefined
  return {
    app,
    config,
    url,
    port,
    admin,
    sessions,
    store,
    collab,
    records,
    recorder,
    boards,
    sfu,
    catalog,
    labSteps,
    close() {
      closing ??= (async () => {
        microphones.stop()
        await sfu?.close()
        collab.close()
        recorder.close()
        delivery?.stop()
        await app.close()
        store.close()
      })()
      return closing
    },
  }
}

/** The embedded SFU: its rooms on worker threads, or in this thread when told to use none. */
function embeddedSfu(
  media: Extract<Config['media'], { mode: 'embedded' }>,
  credentials: { apiKey: string; apiSecret: string },
  log: Logger,
): SfuHost {
  const config: SfuConfig = {
    ...credentials,
    rtcAddresses: media.network.addresses,
    portRange: media.network.portRange,
    announcedAddress: media.network.announcedAddress,
    iceServers: media.network.iceServers,
    simulatedLoss: media.network.simulatedLoss,
    emptyRoomSeconds: media.emptyRoomSeconds,
    negotiationTimeoutMs: media.negotiationTimeoutMs,
    mutedTrackQuietMs: media.mutedTrackQuietMs,
  }
  const sfuLog = log.child({ part: 'sfu' })
  return media.threads === 0 ? new EmbeddedSfu(config, sfuLog) : new ThreadedSfu(config, media.threads, sfuLog)
}
