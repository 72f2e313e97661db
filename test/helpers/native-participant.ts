/**
 * A participant on LiveKit's native SDK: @livekit/rtc-node drives the Rust SDK (libwebrtc), which
 * the Python and Unity SDKs are built on too. It connects with a join response's media token,
 * records what it receives, and publishes a synthetic camera (a moving bar) and microphone (a tone)
 * with the SDK's own defaults (the camera is offered with simulcast).
 */
import {
  AudioFrame,
  DisconnectReason,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  type RemoteTrack,
} from '@livekit/rtc-node'
import type { JoinResponse } from '#common/api/join.ts'

export interface ReceivedVideo {
  frames: number
  width: number
  height: number
}

export interface ReceivedData {
  text: string
  from: string | undefined
  topic: string | undefined
}

const WIDTH = 640
const HEIGHT = 480
const SAMPLE_RATE = 48_000
const AUDIO_FRAME_MS = 20

export class NativeParticipant {
  /** Per publisher identity: what its camera has shown here so far. */
  readonly video = new Map<string, ReceivedVideo>()
  /** Per publisher identity: audio frames received, and how many carried sound. */
  readonly audio = new Map<string, { frames: number; loud: number }>()
  readonly data: ReceivedData[] = []
  /** Room events by name, with the participant they name. */
  readonly events: { ev: string; who: string | undefined; reason?: string }[] = []
  private readonly timers: NodeJS.Timeout[] = []
  private readonly readers: ReadableStreamDefaultReader<unknown>[] = []

  private constructor(readonly room: Room) {}

  /**
   * `singlePeerConnection: false` makes the SDK use the classic `/rtc` path with two connections
   * (as the native SDKs before protocol 16 do); the SDK's default is `/rtc/v1` with one.
   */
  static async join(join: JoinResponse, o: { singlePeerConnection?: boolean } = {}): Promise<NativeParticipant> {
    const room = new Room()
    const p = new NativeParticipant(room)
    room.on(RoomEvent.TrackSubscribed, (track, _pub, participant) => p.receive(track, participant.identity))
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) =>
      p.data.push({ text: new TextDecoder().decode(payload), from: participant?.identity, topic }),
    )
    room.on(RoomEvent.TrackMuted, (_pub, participant) => p.events.push({ ev: 'trackMuted', who: participant.identity }))
    room.on(RoomEvent.ParticipantDisconnected, (participant) =>
      p.events.push({ ev: 'participantDisconnected', who: participant.identity }),
    )
    room.on(RoomEvent.Reconnecting, () => p.events.push({ ev: 'reconnecting', who: undefined }))
    room.on(RoomEvent.Reconnected, () => p.events.push({ ev: 'reconnected', who: undefined }))
    room.on(RoomEvent.Disconnected, (reason) =>
      p.events.push({ ev: 'disconnected', who: undefined, reason: DisconnectReason[reason] }),
    )
    // rtc-node passes options on to the SDK's own; its type names only the common ones.
    await room.connect(join.media.url, join.media.token, { autoSubscribe: true, dynacast: false, ...o } as never)
    return p
  }

  get identity(): string {
    return this.room.localParticipant!.identity
  }

  private receive(track: RemoteTrack, from: string): void {
    if (track.kind === TrackKind.KIND_VIDEO) {
      const seen: ReceivedVideo = { frames: 0, width: 0, height: 0 }
      this.video.set(from, seen)
      void this.drain(new VideoStream(track), (e) => {
        seen.frames++
        seen.width = e.frame.width
        seen.height = e.frame.height
      })
    } else {
      const heard = { frames: 0, loud: 0 }
      this.audio.set(from, heard)
      void this.drain(new AudioStream(track, SAMPLE_RATE, 1), (frame) => {
        heard.frames++
        if (frame.data.some((s) => Math.abs(s) > 1000)) heard.loud++
      })
    }
  }

  private async drain<T>(stream: ReadableStream<T>, each: (item: T) => void): Promise<void> {
    const reader = stream.getReader()
    this.readers.push(reader as ReadableStreamDefaultReader<unknown>)
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        each(value)
      }
    } catch {
      // The stream ends with the room.
    }
  }

  /** A 640x480 camera at 20 fps, published with the SDK's defaults. */
  async publishCamera(): Promise<void> {
    const source = new VideoSource(WIDTH, HEIGHT)
    const track = LocalVideoTrack.createVideoTrack('camera', source)
    await this.room.localParticipant!.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }),
    )
    const pixels = new Uint8Array(WIDTH * HEIGHT * 4)
    let n = 0
    this.timers.push(
      setInterval(() => {
        pixels.fill(40)
        const x = (n++ * 8) % WIDTH
        for (let y = 0; y < HEIGHT; y++) pixels.fill(255, (y * WIDTH + x) * 4, (y * WIDTH + x + 16) * 4)
        source.captureFrame(new VideoFrame(pixels, WIDTH, HEIGHT, VideoBufferType.RGBA))
      }, 50),
    )
  }

  /** A microphone playing a 440 Hz tone. */
  async publishMicrophone(): Promise<void> {
    const source = new AudioSource(SAMPLE_RATE, 1)
    const track = LocalAudioTrack.createAudioTrack('microphone', source)
    await this.room.localParticipant!.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    )
    const samples = (SAMPLE_RATE * AUDIO_FRAME_MS) / 1000
    let t = 0
    this.timers.push(
      setInterval(() => {
        const pcm = new Int16Array(samples)
        for (let i = 0; i < samples; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * t++) / SAMPLE_RATE))
        void source.captureFrame(new AudioFrame(pcm, SAMPLE_RATE, 1, samples)).catch(() => undefined)
      }, AUDIO_FRAME_MS),
    )
  }

  /** Which connections the SDK opened: media it receives comes on the subscriber one, if there is one. */
  async connections(): Promise<'one' | 'two'> {
    const stats = await this.room.getRtcStats()
    return stats.subscriberStats.length > 0 ? 'two' : 'one'
  }

  /** Whether this app's own publication from `source` is muted now. */
  isMuted(source: TrackSource): boolean | undefined {
    return [...this.room.localParticipant!.trackPublications.values()].find((p) => p.source === source)?.muted
  }

  publishText(text: string, topic: string): Promise<void> {
    return this.room.localParticipant!.publishData(new TextEncoder().encode(text), { reliable: true, topic })
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t)
    for (const r of this.readers) await r.cancel().catch(() => undefined)
    await this.room.disconnect()
  }
}
