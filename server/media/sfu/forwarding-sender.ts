/**
 * One send section of a subscriber's connection, driven by the forwarding path instead of
 * werift's `RTCRtpSender.sendRtp`: per forwarded packet it numbers, writes the RTP header with
 * the section's own header extensions, protects (SRTP) and sends, without parsing the packet
 * again or building werift objects. werift keeps everything else of the sender: RTCP (sender
 * reports from the counters kept here, PLI, receiver reports), negotiation and stats.
 *
 * The server's codec and extension lists (sfu-peer.ts) hold no RTX, RED or transport-cc, so the
 * only extensions werift would stamp are the section's mid and abs-send-time; both are written
 * here the way werift writes them.
 */
import type { RTCRtpSender, RtpPacket } from 'werift'
import { isConnected, protectorOf, sendDatagram } from './werift-transport.ts'

const SDES_MID_URI = 'urn:ietf:params:rtp-hdrext:sdes:mid'
const ABS_SEND_TIME_URI = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time'
/** Packets a subscriber can ask again for (NACK), per video section; werift keeps as many. */
const HISTORY = 128
/** Seconds from the NTP epoch (1900) to the Unix epoch. */
const NTP_UNIX_OFFSET = 2_208_988_800
/** How often the sender-report clock pair (NTP time, RTP timestamp) is refreshed. */
const SR_SAMPLE_MS = 50

/** werift's own fields of the sender that this class reads or keeps up to date. */
interface SenderInternals {
  mid?: string
  headerExtensions?: { id: number; uri: string }[]
  ntpTimestamp: bigint
  rtpTimestamp: number
  packetCount: number
  octetCount: number
}

/** Where the one-byte-header extensions (RFC 8285) of a section go, written once per layout. */
interface ExtensionLayout {
  extensions: SenderInternals['headerExtensions']
  mid: string | undefined
  /** The extension block with the mid filled in; abs-send-time is written per packet. */
  block: Buffer
  /** Offset of abs-send-time's three bytes inside the block, or -1. */
  absAt: number
}

function layoutOf(extensions: SenderInternals['headerExtensions'], mid: string | undefined): ExtensionLayout {
  const parts: { id: number; data: Buffer; abs: boolean }[] = []
  for (const e of extensions ?? []) {
    if (e.uri === SDES_MID_URI && mid) parts.push({ id: e.id, data: Buffer.from(mid), abs: false })
    else if (e.uri === ABS_SEND_TIME_URI) parts.push({ id: e.id, data: Buffer.alloc(3), abs: true })
  }
  parts.sort((a, b) => a.id - b.id)
  if (parts.length === 0) return { extensions, mid, block: Buffer.alloc(0), absAt: -1 }
  const body = parts.reduce((n, p) => n + 1 + p.data.length, 0)
  const block = Buffer.alloc(4 + Math.ceil(body / 4) * 4)
  block.writeUInt16BE(0xbede, 0)
  block.writeUInt16BE((block.length - 4) / 4, 2)
  let at = 4
  let absAt = -1
  for (const p of parts) {
    block[at++] = (p.id << 4) | (p.data.length - 1)
    if (p.abs) absAt = at
    p.data.copy(block, at)
    at += p.data.length
  }
  return { extensions, mid, block, absAt }
}

/** abs-send-time: seconds in 6.18 fixed point, 24 bits. `nowMs` is milliseconds since the Unix epoch. */
export function absSendTime(nowMs: number): number {
  return Math.floor(((nowMs / 1000 + NTP_UNIX_OFFSET) * 262_144) % 16_777_216)
}

function ntpTimestamp(nowMs: number): bigint {
  const seconds = nowMs / 1000 + NTP_UNIX_OFFSET
  const whole = Math.floor(seconds)
  return (BigInt(whole) << 32n) | BigInt(Math.floor((seconds - whole) * 0x1_0000_0000))
}

export class ForwardingSender {
  /** The track (any identity) whose packets the section carried last, and that track's last arrival index. */
  private carried: unknown
  private lastArrival = -1
  private seqOffset = 0
  private timestampOffset = 0
  /** Highest sequence number sent, extended past wrap-arounds (its top bits are SRTP's ROC); -1 before the first. */
  private highest = -1
  private highestTimestamp = 0
  private srSampledAt = -Infinity
  private rtcpStarted = false
  private layout: ExtensionLayout | undefined
  private readonly header = Buffer.alloc(12 + 15 * 4 + 64)
  /** Packets sent for the first time, and those the subscriber asked for again, since the last `takeCounts`. */
  private sent = 0
  private nacked = 0
  private readonly history: {
    seq: Int32Array
    timestamp: Uint32Array
    marker: Uint8Array
    payloadType: Uint8Array
    abs: Uint32Array
    roc: Float64Array
    /** 1 once the subscriber has asked for the packet again (counted once, however often it asks). */
    asked: Uint8Array
    csrc: number[][]
    payload: (Buffer | undefined)[]
    layout: (ExtensionLayout | undefined)[]
  } | null

  constructor(private readonly sender: RTCRtpSender) {
    // Opus is negotiated without NACK: only video sections are asked to resend.
    if (sender.kind === 'video') {
      this.history = {
        seq: new Int32Array(HISTORY).fill(-1),
        timestamp: new Uint32Array(HISTORY),
        marker: new Uint8Array(HISTORY),
        payloadType: new Uint8Array(HISTORY),
        abs: new Uint32Array(HISTORY),
        roc: new Float64Array(HISTORY),
        asked: new Uint8Array(HISTORY),
        csrc: new Array<number[]>(HISTORY),
        payload: new Array<Buffer | undefined>(HISTORY),
        layout: new Array<ExtensionLayout | undefined>(HISTORY),
      }
      sender.onGenericNack.subscribe((nack) => this.resend(nack.lost))
    } else {
      this.history = null
    }
  }

  /**
   * A packet of padding alone (werift has taken the padding off): the publisher's probe for its
   * bandwidth estimate, with nothing for a subscriber, so it is not sent. Chrome sends them on the
   * media SSRC when no RTX is negotiated (39–63 in a classroom run), and they went to every
   * subscriber. Its sequence number goes to the next packet, so the subscriber sees no gap (no
   * loss, no NACK); one that comes after a real gap leaves that gap as it is.
   */
  private skipPadding(sequenceNumber: number): false {
    const seq = (sequenceNumber + this.seqOffset) & 0xffff
    if (this.highest >= 0 && seq === ((this.highest + 1) & 0xffff)) this.seqOffset = (this.seqOffset - 1) & 0xffff
    return false
  }

  /**
   * Sends packet number `arrival` of `track` (publisher's numbering) on this section. A section
   * that carried another track, or skipped packets of this one (paused, muted, newly placed),
   * continues its own sequence numbers without a gap: a gap reads as loss to the browser, and a
   * step back as stale packets. Returns whether the packet went out.
   */
  forward(track: unknown, arrival: number, rtp: RtpPacket, nowMs: number): boolean {
    const sender = this.sender
    const dtls = sender.dtlsTransport
    const codec = sender.codec
    if (!isConnected(dtls) || !codec) return false
    const protector = protectorOf(dtls)
    if (!protector) return false
    const h = rtp.header
    if (track !== this.carried) {
      if (this.highest >= 0) {
        this.seqOffset = ((this.highest & 0xffff) + 1 - h.sequenceNumber) & 0xffff
        this.timestampOffset = (this.highestTimestamp + 1 - h.timestamp) >>> 0
      }
      this.carried = track
    } else if (arrival !== this.lastArrival + 1 && this.highest >= 0) {
      // Same clock: only the sequence numbers close up.
      this.seqOffset = ((this.highest & 0xffff) + 1 - h.sequenceNumber) & 0xffff
    }
    this.lastArrival = arrival
    if (rtp.payload.length === 0) return this.skipPadding(h.sequenceNumber)
    const seq = (h.sequenceNumber + this.seqOffset) & 0xffff
    const timestamp = (h.timestamp + this.timestampOffset) >>> 0
    let extended = seq
    if (this.highest >= 0) {
      const delta = ((seq - (this.highest & 0xffff) + 0x8000) & 0xffff) - 0x8000
      extended = this.highest + delta
      if (extended < 0) return false
      if (delta > 0) {
        this.highest = extended
        this.highestTimestamp = timestamp
      }
    } else {
      this.highest = extended
      this.highestTimestamp = timestamp
    }
    const internals = sender as unknown as SenderInternals
    let layout = this.layout
    if (!layout || layout.extensions !== internals.headerExtensions || layout.mid !== internals.mid) {
      layout = this.layout = layoutOf(internals.headerExtensions, internals.mid)
    }
    const roc = Math.floor(extended / 65_536)
    const abs = absSendTime(nowMs)
    const header = this.writeHeader(h.marker, codec.payloadType, seq, timestamp, h.csrc, abs)
    const payload = rtp.payload
    sendDatagram(dtls, protector.protect(header, payload, sender.ssrc, seq, roc))
    this.sent++

    const history = this.history
    if (history) {
      const i = seq & (HISTORY - 1)
      history.seq[i] = seq
      history.asked[i] = 0
      history.timestamp[i] = timestamp
      history.marker[i] = h.marker ? 1 : 0
      history.payloadType[i] = codec.payloadType
      history.abs[i] = abs
      history.roc[i] = roc
      history.csrc[i] = h.csrc
      history.payload[i] = payload
      history.layout[i] = this.layout
    }
    internals.packetCount = (internals.packetCount + 1) >>> 0
    internals.octetCount += payload.length
    if (nowMs - this.srSampledAt >= SR_SAMPLE_MS) {
      this.srSampledAt = nowMs
      internals.ntpTimestamp = ntpTimestamp(nowMs)
      internals.rtpTimestamp = timestamp
    }
    if (!this.rtcpStarted) {
      this.rtcpStarted = true
      void sender.runRtcp()
    }
    return true
  }

  /** Packets sent (first transmissions) and distinct packets asked for again since the last call. */
  takeCounts(): { sent: number; nacked: number } {
    const counts = { sent: this.sent, nacked: this.nacked }
    this.sent = 0
    this.nacked = 0
    return counts
  }

  /** The RTP header (fixed part, CSRCs, extension block) in the scratch buffer; the view is valid until the next call. */
  private writeHeader(
    marker: boolean,
    payloadType: number,
    seq: number,
    timestamp: number,
    csrc: number[],
    abs: number,
  ): Buffer {
    const b = this.header
    const layout = this.layout!
    const csrcCount = Math.min(csrc.length, 15)
    const hasExtensions = layout.block.length > 0
    b[0] = 0x80 | (hasExtensions ? 0x10 : 0) | csrcCount
    b[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f)
    b.writeUInt16BE(seq, 2)
    b.writeUInt32BE(timestamp, 4)
    b.writeUInt32BE(this.sender.ssrc >>> 0, 8)
    let at = 12
    for (let i = 0; i < csrcCount; i++, at += 4) b.writeUInt32BE(csrc[i]! >>> 0, at)
    if (hasExtensions) {
      layout.block.copy(b, at)
      if (layout.absAt >= 0) b.writeUIntBE(abs, at + layout.absAt, 3)
      at += layout.block.length
    }
    return b.subarray(0, at)
  }

  /**
   * Sends the asked-for packets again, byte for byte as the first time (same header, same SRTP
   * index): a packet no longer in the history, or written with other extensions, is skipped.
   */
  private resend(lost: number[]): void {
    const history = this.history!
    for (const seq of lost) {
      const i = seq & (HISTORY - 1)
      if (history.seq[i] === seq && history.asked[i] === 0) {
        history.asked[i] = 1
        this.nacked++
      }
    }
    const dtls = this.sender.dtlsTransport
    if (!isConnected(dtls)) return
    const protector = protectorOf(dtls)
    if (!protector) return
    for (const seq of lost) {
      const i = seq & (HISTORY - 1)
      const payload = history.payload[i]
      if (history.seq[i] !== seq || !payload || history.layout[i] !== this.layout) continue
      const header = this.writeHeader(
        history.marker[i] === 1,
        history.payloadType[i]!,
        seq,
        history.timestamp[i]!,
        history.csrc[i]!,
        history.abs[i]!,
      )
      sendDatagram(dtls, protector.protect(header, payload, this.sender.ssrc, seq, history.roc[i]!))
    }
  }
}

const senders = new WeakMap<RTCRtpSender, ForwardingSender>()

/** The forwarding state of a werift sender, made on first use. */
export function forwardingSender(sender: RTCRtpSender): ForwardingSender {
  let f = senders.get(sender)
  if (!f) {
    f = new ForwardingSender(sender)
    senders.set(sender, f)
  }
  return f
}
