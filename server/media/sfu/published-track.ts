/**
 * One track a participant publishes: its TrackInfo, the werift track its packets arrive on, and
 * the subscribers it is forwarded to. Packets are copied once per arrival, without the publisher's
 * header extensions (their ids differ per connection); werift stamps each subscriber's own.
 */
import type { MediaStreamTrack, RTCRtpReceiver, RTCRtpSender, RtpHeader, RtpPacket } from 'werift'
import { werift } from './werift-lazy.ts'
import type { TrackInfo } from '@livekit/protocol'

export interface Subscriber {
  /** The sender on the subscriber's connection, once its section is negotiated. */
  sender(): RTCRtpSender | undefined
  /** The subscriber asked for no media of this track for now (livekit-client `setEnabled(false)`). */
  paused: boolean
}

/**
 * Which track each sender last carried, and which arrival (`packetsIn`) it last sent: a section
 * reused for another track must continue its numbering, and so must one that skipped packets.
 */
const lastCarried = new WeakMap<RTCRtpSender, { track: PublishedTrack; arrival: number }>()

/**
 * A section reused for another track keeps its SSRC, so the new packets must continue the old
 * sequence numbers and timestamps: otherwise a browser drops them as stale whenever the new
 * track's random start falls behind. werift's own `replaceRTP(h, true)` cuts the 32-bit timestamp
 * offset to 16 bits, so the step past the last packet is added here.
 */
function continueNumbering(sender: RTCRtpSender, first: RtpHeader): void {
  const offsets = sender as unknown as { sequenceNumber?: number; seqOffset: number; timestampOffset: number }
  if (offsets.sequenceNumber === undefined) return
  sender.replaceRTP(first, false)
  offsets.seqOffset = (offsets.seqOffset + 1) & 0xffff
  offsets.timestampOffset = (offsets.timestampOffset + 1) >>> 0
}

/**
 * Packets of the same track were left out (paused, muted, or a new subscription on the same
 * section): the next one follows the last sent sequence number, or the browser counts the gap as
 * loss and asks for hundreds of packets nobody has. Timestamps keep their offset: same clock.
 */
function closeGap(sender: RTCRtpSender, first: RtpHeader): void {
  const offsets = sender as unknown as { sequenceNumber?: number; seqOffset: number }
  if (offsets.sequenceNumber === undefined) return
  offsets.seqOffset = (offsets.sequenceNumber + 1 - first.sequenceNumber) & 0xffff
}

export class PublishedTrack {
  media: MediaStreamTrack | undefined
  receiver: RTCRtpReceiver | undefined
  readonly subscribers = new Map<string, Subscriber>()
  /** Loudest level (0 silence … 1 loud) heard in the current speaker window, and when it was heard. */
  peakLevel = 0
  peakAt = 0
  audioLevelExtId: number | undefined
  /** The fmtp line of the codec negotiated with the publisher (H.264 profile and packetization). */
  fmtp: string | undefined
  packetsIn = 0
  packetsOut = 0
  /** Sees every packet that arrives (the publisher connection's bandwidth estimate counts them). */
  onArrival: (rtp: RtpPacket) => void = () => {}
  private unsubscribe: (() => void) | undefined

  constructor(
    readonly info: TrackInfo,
    readonly cid: string,
    readonly publisherSid: string,
  ) {}

  /** Starts forwarding from the publisher's incoming track. */
  attach(media: MediaStreamTrack, receiver: RTCRtpReceiver, audioLevelExtId: number | undefined): void {
    this.media = media
    this.receiver = receiver
    this.audioLevelExtId = audioLevelExtId
    const sub = media.onReceiveRtp.subscribe((rtp) => this.forward(rtp))
    this.unsubscribe = () => sub.unSubscribe()
  }

  private forward(rtp: RtpPacket): void {
    this.packetsIn++
    this.onArrival(rtp)
    if (this.audioLevelExtId !== undefined) this.readLevel(rtp)
    if (this.subscribers.size === 0 || this.info.muted) return
    const h = rtp.header
    const header = new (werift().RtpHeader)({
      version: h.version,
      marker: h.marker,
      payloadType: h.payloadType,
      sequenceNumber: h.sequenceNumber,
      timestamp: h.timestamp,
      ssrc: h.ssrc,
      csrc: h.csrc,
      csrcLength: h.csrcLength,
    })
    const buf = new (werift().RtpPacket)(header, rtp.payload).serialize()
    for (const s of this.subscribers.values()) {
      if (s.paused) continue
      const sender = s.sender()
      if (!sender) continue
      const carried = lastCarried.get(sender)
      if (carried?.track !== this) {
        lastCarried.set(sender, { track: this, arrival: this.packetsIn })
        continueNumbering(sender, h)
      } else {
        if (carried.arrival !== this.packetsIn - 1) closeGap(sender, h)
        carried.arrival = this.packetsIn
      }
      this.packetsOut++
      void sender.sendRtp(buf).catch(() => undefined)
    }
  }

  /** RFC 6464: the extension byte holds the level in −dBov (0 loud … 127 silent). */
  private readLevel(rtp: RtpPacket): void {
    const ext = rtp.header.extensions.find((e) => e.id === this.audioLevelExtId)
    const byte = ext?.payload[0]
    if (byte === undefined) return
    const dbov = byte & 0x7f
    const level = dbov >= 127 ? 0 : Math.pow(10, -dbov / 20)
    if (level >= this.peakLevel) {
      this.peakLevel = level
      this.peakAt = Date.now()
    }
  }

  /** Asks the publisher for a keyframe (a subscriber just attached or lost pictures). */
  requestKeyframe(): void {
    const ssrc = this.media?.ssrc
    if (ssrc !== undefined && this.info.type === 1) void this.receiver?.sendRtcpPLI(ssrc).catch(() => undefined)
  }

  detach(): void {
    this.unsubscribe?.()
    this.subscribers.clear()
  }
}
