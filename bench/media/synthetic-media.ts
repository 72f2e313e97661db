/**
 * Paced RTP for synthetic publishers: a microphone (Opus-sized packets every 20 ms with the
 * RFC 6464 audio level, loud when open, silent when muted — a muted livekit-client microphone
 * keeps sending silence, every 20 ms without DTX and every 200 ms with it, as Chromium does) or a camera (frames of full-size packets at a packet rate); its content is
 * random bytes, which the SFU forwards without looking.
 *
 * Packets are written for the publishing section and protected with its SRTP session here, then
 * sent to the nominated pair's socket, as the SFU's forwarding path does (forwarding-sender.ts),
 * rather than through werift's `sendRtp`, which parses each packet again and builds objects and
 * promises for it: the classroom's 26 muted microphones cost the benchmark's process about a fifth
 * of a core that way, on the two cores the server and Chromium share with it. The datagrams are
 * the same: the section's SSRC and payload type, its mid, abs-send-time and audio-level header
 * extensions (RFC 8285 one-byte form), SRTP as negotiated.
 */
import crypto from 'node:crypto'
import type { RTCRtpTransceiver } from 'werift'
import { isConnected, protectorOf, sendDatagram } from '../../server/media/sfu/werift-transport.ts'
import { absSendTime } from '../../server/media/sfu/forwarding-sender.ts'

const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'
const SDES_MID_URI = 'urn:ietf:params:rtp-hdrext:sdes:mid'
const ABS_SEND_TIME_URI = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time'
const TICK_MS = 20
/**
 * With DTX a muted microphone sends one frame of each ten: Chromium's muted livekit-client
 * microphone sent 4.7 packets a second with DTX asked for, 50 without
 * (test/e2e/media-muted-microphone-sends-almost-nothing.test.ts).
 */
const DTX_FRAMES = 10

export type SourceSpec = { kind: 'microphone'; open: boolean } | { kind: 'camera'; pps: number; fps: number }

export class SyntheticSource {
  sent = 0
  /** Sequence number with its rollovers counted (SRTP's packet index). */
  private index = crypto.randomInt(0, 0x8000)
  private timestamp = crypto.randomInt(0, 0x1_0000_0000)
  private readonly payload: Buffer
  private due = 0
  /** Keyframes sent (a camera's first frame, and one after each keyframe request). */
  keyframes = 0
  private keyframeWanted = true
  private answering = true
  private frames = 0
  /** The server's answer asked for DTX (Opus `usedtx=1`) on this microphone's section. */
  dtx = false

  constructor(
    private readonly transceiver: RTCRtpTransceiver,
    readonly spec: SourceSpec,
  ) {
    // Opus at ~32 kbit/s is ~80 bytes a frame; encoded silence is a few bytes.
    this.payload = crypto.randomBytes(spec.kind === 'camera' ? 1100 : spec.open ? 80 : 3)
    if (spec.kind === 'camera') {
      this.onKeyframeRequest(() => {
        if (this.answering) this.keyframeWanted = true
      })
    }
  }

  /** The section this source sends on. */
  get mid(): string | undefined {
    return this.transceiver.mid ?? undefined
  }

  /** Calls `listener` on each keyframe request (PLI) the server sends for this source. */
  onKeyframeRequest(listener: () => void): void {
    this.transceiver.sender.onPictureLossIndication.subscribe(listener)
  }

  /** Answers keyframe requests as an encoder does (on by default; off stands for a lost keyframe). */
  answerKeyframeRequests(on: boolean): void {
    this.answering = on
  }

  /** Sends the packets due in one tick of `ms` milliseconds. */
  tick(ms: number): void {
    if (this.spec.kind === 'microphone') {
      this.due += ms / 20
      while (this.due >= 1) {
        this.due--
        const silent = !this.spec.open && this.dtx && this.frames++ % DTX_FRAMES !== 0
        if (!silent) this.send(true, this.audioLevel())
        this.timestamp = (this.timestamp + 960) >>> 0
      }
      return
    }
    const { pps, fps } = this.spec
    const perFrame = Math.max(1, Math.round(pps / fps))
    this.due += (ms / 1000) * fps
    while (this.due >= 1) {
      this.due--
      const key = this.keyframeWanted
      this.keyframeWanted = false
      if (key) this.keyframes++
      for (let i = 0; i < perFrame; i++) {
        this.vp8Descriptor(i === 0, key)
        this.send(i === perFrame - 1, undefined)
      }
      this.timestamp = (this.timestamp + Math.round(90_000 / fps)) >>> 0
    }
  }

  /**
   * RFC 7741: a frame's first packet starts partition 0 (S set, PID 0) and its VP8 header says
   * whether the frame is a keyframe (P clear); the rest of the payload stays random.
   */
  private vp8Descriptor(first: boolean, key: boolean): void {
    this.payload[0] = first ? 0x10 : 0x00
    this.payload[1] = key ? 0x00 : 0x01
  }

  /**
   * Sends `count` packets of padding alone now (RFC 3550 5.1: the P bit, and the padding's last
   * byte counting it), each with the next sequence number and the last frame's timestamp, as a
   * browser probing its bandwidth does when no RTX is negotiated.
   */
  sendPadding(count: number): void {
    const padding = Buffer.alloc(200)
    padding[padding.length - 1] = padding.length
    for (let i = 0; i < count; i++) this.send(false, undefined, padding)
  }

  /** RFC 6464 byte: voice activity flag and −dBov (0 loud … 127 silence). */
  private audioLevel(): number | undefined {
    if (this.spec.kind !== 'microphone') return undefined
    return this.spec.open ? 0x80 | crypto.randomInt(20, 40) : 127
  }

  private send(marker: boolean, level: number | undefined, padding?: Buffer): void {
    const sender = this.transceiver.sender
    const dtls = sender.dtlsTransport
    const protector = isConnected(dtls) ? protectorOf(dtls) : undefined
    // Before the connection is up werift would not send either.
    if (!protector || !sender.codec) return
    const seq = this.index & 0xffff
    const header = rtpHeader(marker, sender.codec.payloadType, seq, this.timestamp, sender.ssrc, this.extensions(level))
    if (padding) header[0]! |= 0x20
    const body = padding ?? this.payload
    sendDatagram(dtls, protector.protect(header, body, sender.ssrc, seq, Math.floor(this.index / 0x10000)))
    this.index++
    this.sent++
  }

  /** The section's header extensions for one packet, as werift's sender would stamp them. */
  private extensions(level: number | undefined): { id: number; data: Buffer }[] {
    const mid = this.transceiver.mid
    const out: { id: number; data: Buffer }[] = []
    for (const e of this.transceiver.headerExtensions) {
      if (e.uri === SDES_MID_URI && mid) out.push({ id: e.id, data: Buffer.from(mid) })
      else if (e.uri === ABS_SEND_TIME_URI) out.push({ id: e.id, data: threeBytes(absSendTime(Date.now())) })
      else if (e.uri === AUDIO_LEVEL_URI && level !== undefined) out.push({ id: e.id, data: Buffer.from([level]) })
    }
    return out.sort((a, b) => a.id - b.id)
  }
}

/** An RTP header (RFC 3550) with one-byte header extensions (RFC 8285). */
function rtpHeader(
  marker: boolean,
  payloadType: number,
  seq: number,
  timestamp: number,
  ssrc: number,
  extensions: { id: number; data: Buffer }[],
): Buffer {
  const body = extensions.reduce((n, e) => n + 1 + e.data.length, 0)
  const extBytes = extensions.length > 0 ? 4 + Math.ceil(body / 4) * 4 : 0
  const h = Buffer.alloc(12 + extBytes)
  h[0] = 0x80 | (extensions.length > 0 ? 0x10 : 0)
  h[1] = (marker ? 0x80 : 0) | payloadType
  h.writeUInt16BE(seq, 2)
  h.writeUInt32BE(timestamp >>> 0, 4)
  h.writeUInt32BE(ssrc >>> 0, 8)
  if (extBytes > 0) {
    h.writeUInt16BE(0xbede, 12)
    h.writeUInt16BE((extBytes - 4) / 4, 14)
    let at = 16
    for (const e of extensions) {
      h[at++] = (e.id << 4) | (e.data.length - 1)
      at += e.data.copy(h, at)
    }
  }
  return h
}

function threeBytes(v: number): Buffer {
  return Buffer.from([(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff])
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
