/**
 * Paced RTP for synthetic publishers: a microphone (Opus-sized packets every 20 ms with the
 * RFC 6464 audio level, loud when open, silent when muted — a muted livekit-client microphone
 * keeps sending silence) or a camera (frames of full-size packets at a packet rate). Packets go
 * out through the werift sender of the publishing section; its content is random bytes, which
 * the SFU forwards without looking.
 */
import crypto from 'node:crypto'
import { RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift'

const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'
const TICK_MS = 20

export type SourceSpec = { kind: 'microphone'; open: boolean } | { kind: 'camera'; pps: number; fps: number }

export class SyntheticSource {
  sent = 0
  private sequenceNumber = crypto.randomInt(0, 0x10000)
  private timestamp = crypto.randomInt(0, 0x1_0000_0000)
  private readonly payload: Buffer
  private due = 0

  constructor(
    private readonly transceiver: RTCRtpTransceiver,
    readonly spec: SourceSpec,
  ) {
    // Opus at ~32 kbit/s is ~80 bytes a frame; encoded silence is a few bytes.
    this.payload = crypto.randomBytes(spec.kind === 'camera' ? 1100 : spec.open ? 80 : 3)
  }

  /** Calls `listener` on each keyframe request (PLI) the server sends for this source. */
  onKeyframeRequest(listener: () => void): void {
    this.transceiver.sender.onPictureLossIndication.subscribe(listener)
  }

  /** Sends the packets due in one tick of `ms` milliseconds. */
  tick(ms: number): void {
    if (this.spec.kind === 'microphone') {
      this.due += ms / 20
      while (this.due >= 1) {
        this.due--
        this.send(true, this.audioLevel())
        this.timestamp = (this.timestamp + 960) >>> 0
      }
      return
    }
    const { pps, fps } = this.spec
    const perFrame = Math.max(1, Math.round(pps / fps))
    this.due += (ms / 1000) * fps
    while (this.due >= 1) {
      this.due--
      for (let i = 0; i < perFrame; i++) this.send(i === perFrame - 1, undefined)
      this.timestamp = (this.timestamp + Math.round(90_000 / fps)) >>> 0
    }
  }

  /** RFC 6464 byte: voice activity flag and −dBov (0 loud … 127 silence). */
  private audioLevel(): number | undefined {
    if (this.spec.kind !== 'microphone') return undefined
    return this.spec.open ? 0x80 | crypto.randomInt(20, 40) : 127
  }

  private send(marker: boolean, level: number | undefined): void {
    const sender = this.transceiver.sender
    const levelId = this.transceiver.headerExtensions.find((e) => e.uri === AUDIO_LEVEL_URI)?.id
    const extensions =
      level !== undefined && levelId !== undefined ? [{ id: levelId, payload: Buffer.from([level]) }] : []
    const header = new RtpHeader({
      payloadType: sender.codec?.payloadType ?? 0,
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      marker,
      extension: extensions.length > 0,
      extensions,
    })
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff
    this.sent++
    void sender.sendRtp(new RtpPacket(header, this.payload)).catch(() => undefined)
  }
}

/** One timer for every synthetic source of a run. */
export class Pacer {
  private readonly sources = new Set<SyntheticSource>()
  private timer: NodeJS.Timeout | undefined
  private last = performance.now()

  add(source: SyntheticSource): void {
    this.sources.add(source)
    this.timer ??= setInterval(() => this.tick(), TICK_MS)
  }

  remove(source: SyntheticSource): void {
    this.sources.delete(source)
    if (this.sources.size === 0) this.stop()
  }

  private tick(): void {
    const now = performance.now()
    const ms = Math.min(now - this.last, 200)
    this.last = now
    for (const s of this.sources) s.tick(ms)
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}
