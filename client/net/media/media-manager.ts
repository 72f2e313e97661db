/**
 * The live media of one participant: a livekit-client `Room` connected with the join's media
 * token (or a breakout group's), reconnect states turned into a status, remote tracks and audio
 * levels reported through callbacks, local microphone / camera / screen share, and LiveKit data
 * (reliable for reactions, lossy for poses). No React, no three. livekit-client is loaded on the
 * first connect, so the join page stays small.
 */
import type * as LK from 'livekit-client'
import type {
  AudioCaptureOptions,
  RemoteTrackPublication,
  Track,
  Participant,
  RemoteParticipant,
  RemoteTrack,
  Room,
  RoomOptions,
  TrackPublication,
} from 'livekit-client'

/** Why media stopped, in words the UI can say. */
export type MediaFailure = 'unreachable' | 'refused' | 'replaced' | 'removed' | 'ended' | 'unknown'

export type MediaStatus =
  | { kind: 'off' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting' }
  | { kind: 'failed'; reason: MediaFailure; retrying: boolean }

/** What one other participant sends now. */
export interface RemoteMedia {
  identity: string
  camera: MediaStreamTrack | undefined
  screen: MediaStreamTrack | undefined
  /** Publishes an unmuted microphone. */
  mic: boolean
  /** How well their connection carries media, as the media server judges it. */
  quality: ConnectionQualityLevel
}

export type ConnectionQualityLevel = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown'

/** This participant's own media and what the server's grants allow. */
export interface LocalMedia {
  mic: boolean
  camera: boolean
  screen: boolean
  canMic: boolean
  canCamera: boolean
  canScreen: boolean
  /**
   * The media server holds back the video it sends to this device: this device's connection lost
   * too much of it. Sound goes on; the server tries the video again by itself.
   */
  videoHeld: boolean
}

export interface MediaCallbacks {
  onStatus(status: MediaStatus): void
  onRemotes(remotes: RemoteMedia[]): void
  onLocal(local: LocalMedia): void
  /** Active speakers, loudest first, with their level 0..1. */
  onSpeakers(speakers: { identity: string; level: number }[]): void
  onData(from: string, payload: Uint8Array, topic: string | undefined): void
  /** A remote microphone arrived (`track` is livekit's RemoteAudioTrack) or left (`undefined`). */
  onAudio(identity: string, track: RemoteTrack | undefined): void
  /** Whether this device receives video (the "audio only" setting says no). */
  wantVideo(): boolean
}

export interface MediaTarget {
  url: string
  token: string
}

/** livekit's TrackSource numbers in the grants (protocol enum). */
const SOURCE = { camera: 1, microphone: 2, screen: 3 } as const
const RETRY_MS = 5000

const NO_LOCAL: LocalMedia = {
  mic: false,
  camera: false,
  screen: false,
  canMic: false,
  canCamera: false,
  canScreen: false,
  videoHeld: false,
}

export class MediaManager {
  private room: Room | undefined
  private lk: typeof LK | undefined
  private target: MediaTarget | undefined
  private destroyed = false
  private retry: ReturnType<typeof setTimeout> | undefined
  /** What the person had on, so a room switch or reconnect publishes it again. */
  private wanted = { mic: false, camera: false }

  constructor(
    private readonly callbacks: MediaCallbacks,
    /** Microphone capture: the room device keeps echo cancellation etc. explicitly on. */
    private readonly audioCapture: AudioCaptureOptions = {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
  ) {}

  /** Connects to a media room, leaving the current one first (a breakout group's, or back). */
  async connect(target: MediaTarget): Promise<void> {
    if (this.destroyed) return
    this.target = target
    clearTimeout(this.retry)
    const old = this.room
    this.room = undefined
    if (old) await old.disconnect()
    this.callbacks.onStatus({ kind: 'connecting' })
    this.lk ??= await import('livekit-client')
    if (this.destroyed || this.target !== target) return
    const room = this.createRoom(this.lk)
    this.room = room
    try {
      await room.connect(target.url, target.token)
    } catch (err) {
      if (this.room !== room) return
      this.room = undefined
      const refused = err instanceof this.lk.ConnectionError && err.reason === this.lk.ConnectionErrorReason.NotAllowed
      this.fail(refused ? 'refused' : 'unreachable', !refused)
      return
    }
    if (this.room !== room) return
    this.callbacks.onStatus({ kind: 'connected' })
    for (const p of room.remoteParticipants.values()) this.subscribeAll(p)
    this.emitRemotes()
    this.emitLocal()
    if (this.wanted.mic) await this.setMic(true).catch(() => {})
    if (this.wanted.camera) await this.setCamera(true).catch(() => {})
  }

  private createRoom(lk: typeof LK): Room {
    const options: RoomOptions = {
      // The video lands in WebGL textures, which adaptive stream cannot measure (it would pause
      // every track as "not visible"). Simulcast and dynacast wait until the SFU handles layers
      // (the embedded SFU forwards one layer; see docs/livekit-embedded-sfu.md).
      adaptiveStream: false,
      dynacast: false,
      publishDefaults: { simulcast: false, videoCodec: 'vp8' },
      // 640×360 at 15 fps: enough for a face or a classroom on a 3D screen, and every receiver
      // decodes and uploads each frame to a texture, which weak devices feel.
      videoCaptureDefaults: { resolution: { width: 640, height: 360, frameRate: 15 } },
      audioCaptureDefaults: this.audioCapture,
    }
    const room = new lk.Room(options)
    const E = lk.RoomEvent
    const mine = () => this.room === room
    room
      .on(E.Reconnecting, () => mine() && this.callbacks.onStatus({ kind: 'reconnecting' }))
      .on(E.Reconnected, () => {
        if (!mine()) return
        this.callbacks.onStatus({ kind: 'connected' })
        this.emitLocal()
      })
      .on(E.Disconnected, (reason) => {
        if (!mine()) return
        this.room = undefined
        this.callbacks.onRemotes([])
        this.callbacks.onLocal(NO_LOCAL)
        const R = lk.DisconnectReason
        switch (reason) {
          case R.CLIENT_INITIATED:
            return this.callbacks.onStatus({ kind: 'off' })
          case R.DUPLICATE_IDENTITY:
            return this.fail('replaced', false)
          case R.PARTICIPANT_REMOVED:
            return this.fail('removed', false)
          case R.ROOM_DELETED:
          case R.SERVER_SHUTDOWN:
            return this.fail('ended', true)
          default:
            return this.fail('unknown', true)
        }
      })
      .on(E.TrackPublished, (pub, p) => mine() && this.subscribe(pub, p))
      .on(E.TrackSubscribed, (track, _pub, p) => {
        if (!mine()) return
        if (track.kind === 'audio') this.callbacks.onAudio(p.identity, track)
        this.emitRemotes()
      })
      .on(E.TrackUnsubscribed, (track, _pub, p) => {
        if (!mine()) return
        if (track.kind === 'audio') this.callbacks.onAudio(p.identity, undefined)
        this.emitRemotes()
      })
      .on(E.TrackMuted, () => mine() && (this.emitRemotes(), this.emitLocal()))
      .on(E.TrackUnmuted, () => mine() && (this.emitRemotes(), this.emitLocal()))
      .on(E.ParticipantConnected, () => mine() && this.emitRemotes())
      .on(E.ConnectionQualityChanged, () => mine() && this.emitRemotes())
      .on(E.TrackStreamStateChanged, () => mine() && this.emitLocal())
      .on(E.ParticipantDisconnected, () => mine() && this.emitRemotes())
      .on(E.LocalTrackPublished, () => mine() && this.emitLocal())
      .on(E.LocalTrackUnpublished, () => mine() && this.emitLocal())
      .on(E.ParticipantPermissionsChanged, (_prev, p) => {
        if (mine() && p === room.localParticipant) this.emitLocal()
      })
      .on(E.ActiveSpeakersChanged, (speakers: Participant[]) => {
        if (!mine()) return
        this.callbacks.onSpeakers(speakers.map((s) => ({ identity: s.identity, level: s.audioLevel })))
      })
      .on(E.DataReceived, (payload, p, _kind, topic) => {
        if (mine() && p) this.callbacks.onData(p.identity, payload, topic)
      })
    return room
  }

  private subscribeAll(p: RemoteParticipant): void {
    for (const pub of p.trackPublications.values()) this.subscribe(pub, p)
  }

  /** Audio always; video only when this device wants it (a real LiveKit then sends none). */
  private subscribe(pub: TrackPublication, _p: RemoteParticipant): void {
    const remote = pub as RemoteTrackPublication
    if (pub.kind === 'video') remote.setSubscribed(this.callbacks.wantVideo())
  }

  /** The "audio only" setting changed. */
  handleVideoWanted(): void {
    const room = this.room
    if (!room) return
    for (const p of room.remoteParticipants.values()) this.subscribeAll(p)
    this.emitRemotes()
  }

  private fail(reason: MediaFailure, retrying: boolean): void {
    this.callbacks.onStatus({ kind: 'failed', reason, retrying })
    const target = this.target
    if (!retrying || !target) return
    this.retry = setTimeout(() => {
      if (this.target === target && !this.room) void this.connect(target)
    }, RETRY_MS)
  }

  private emitRemotes(): void {
    const room = this.room
    if (!room || !this.lk) return
    const S = this.lk.Track.Source
    const video = this.callbacks.wantVideo()
    const out: RemoteMedia[] = []
    for (const p of room.remoteParticipants.values()) {
      const track = (source: Track.Source) => {
        const pub = p.getTrackPublication(source)
        return video && pub?.track && !pub.isMuted ? pub.track.mediaStreamTrack : undefined
      }
      const mic = p.getTrackPublication(S.Microphone)
      out.push({
        identity: p.identity,
        camera: track(S.Camera),
        screen: track(S.ScreenShare),
        mic: mic !== undefined && !mic.isMuted,
        quality: p.connectionQuality as ConnectionQualityLevel,
      })
    }
    this.callbacks.onRemotes(out)
  }

  private emitLocal(): void {
    const room = this.room
    if (!room) return
    this.callbacks.onLocal(localMedia(room))
  }

  async setMic(on: boolean): Promise<void> {
    this.wanted.mic = on
    await this.room?.localParticipant.setMicrophoneEnabled(on)
    this.emitLocal()
  }

  async setCamera(on: boolean): Promise<void> {
    this.wanted.camera = on
    await this.room?.localParticipant.setCameraEnabled(on)
    this.emitLocal()
  }

  async setScreen(on: boolean): Promise<void> {
    await this.room?.localParticipant.setScreenShareEnabled(on)
    this.emitLocal()
  }

  /** Uses another microphone, camera or speaker. */
  async useDevice(kind: MediaDeviceKind, deviceId: string): Promise<void> {
    await this.room?.switchActiveDevice(kind, deviceId)
  }

  /** The devices this browser offers, by kind. */
  async devices(): Promise<MediaDeviceInfo[]> {
    this.lk ??= await import('livekit-client')
    return this.lk.Room.getLocalDevices(undefined, false)
  }

  /** The device in use for a kind, if known. */
  activeDevice(kind: MediaDeviceKind): string | undefined {
    return this.room?.getActiveDevice(kind)
  }

  /** Sends bytes to everyone in the room (`reliable` for reactions, lossy for poses); false when not connected. */
  send(payload: Uint8Array<ArrayBuffer>, reliable: boolean, topic: string): boolean {
    const room = this.room
    if (!room || room.state !== 'connected') return false
    void room.localParticipant.publishData(payload, { reliable, topic }).catch(() => {})
    return true
  }

  /** The media room connected to (the session's main room or a breakout group's). */
  get roomName(): string | undefined {
    return this.room?.state === 'connected' ? this.room.name : undefined
  }

  get connected(): boolean {
    return this.room?.state === 'connected'
  }

  async destroy(): Promise<void> {
    this.destroyed = true
    this.target = undefined
    clearTimeout(this.retry)
    const room = this.room
    this.room = undefined
    await room?.disconnect()
  }
}

function localMedia(room: Room): LocalMedia {
  const p = room.localParticipant
  const sources = p.permissions?.canPublishSources ?? []
  const can = (s: number) => p.permissions?.canPublish !== false && (sources.length === 0 || sources.includes(s))
  return {
    mic: p.isMicrophoneEnabled,
    camera: p.isCameraEnabled,
    screen: p.isScreenShareEnabled,
    canMic: can(SOURCE.microphone),
    canCamera: can(SOURCE.camera),
    canScreen: can(SOURCE.screen),
    // The app never pauses a track itself (no adaptive stream; "audio only" unsubscribes), so a
    // paused video stream is the server's doing.
    videoHeld: [...room.remoteParticipants.values()].some((r) =>
      [...r.videoTrackPublications.values()].some((pub) => pub.track?.streamState === 'paused'),
    ),
  }
}
