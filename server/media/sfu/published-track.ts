/**
 * One track a participant publishes: its TrackInfo, the werift track its packets arrive on, and
 * the subscribers it is forwarded to. Each arrival goes to every subscriber's section as it is
 * (forwarding-sender.ts), without the publisher's header extensions: their ids differ per
 * connection, and each section gets its own.
 */
import type { MediaStreamTrack, RTCRtpReceiver, RTCRtpSender, RtpPacket } from 'werift'
import { forwardingSender } from './forwarding-sender.ts'
import { startsKeyframe } from './keyframe-detect.ts'
import { TrackType, type TrackInfo } from '@livekit/protocol'

/**
 * Keyframe requests to a publisher, per track:
 *
 * - Never two closer than `KEYFRAME_REQUEST_GAP_MS`; requests within the gap go as one at its
 *   end. A class joining at once asked the teacher's camera for thirty keyframes in half a
 *   second, each several times the size of a normal frame. Chrome ignores a request that comes
 *   within 300 ms of the last one it acted on, so a shorter gap only wastes requests.
 * - While the keyframe asked for has not arrived, further requests wait for it: it serves them
 *   too. Asking again meanwhile made the teacher's Chrome encode a keyframe of the camera and of
 *   a 1080p screen share every 300 ms while a latecomer waited; they reached the SFU seconds late
 *   (most likely queued in its sender), and the latecomer, still without a picture, kept asking:
 *   4–12 s to a first frame. Only when none has arrived `KEYFRAME_WAIT_MS` after the request (the
 *   request or the keyframe was lost) is it asked for again.
 *
 * LiveKit throttles per track too, 500 ms and more.
 */
export const KEYFRAME_REQUEST_GAP_MS = 350
export const KEYFRAME_WAIT_MS = 1000

export interface Subscriber {
  /** The sender on the subscriber's connection, once its section is negotiated. */
  sender(): RTCRtpSender | undefined
  /** The subscriber asked for no media of this track for now (livekit-client `setEnabled(false)`). */
  paused: boolean
  /** The server holds this video back: the subscriber's link loses too much of it (downlink-guard.ts). */
  held: boolean
}

/** Whether a subscriber gets none of the track's media for now, whoever decided it. */
export function isPaused(s: Subscriber): boolean {
  return s.paused || s.held
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
  private lastKeyframeRequest = -Infinity
  private keyframeRequestDue: NodeJS.Timeout | undefined
  /** A keyframe was asked for and none has arrived since. */
  private awaitingKeyframe = false

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
    if (this.awaitingKeyframe && startsKeyframe(this.info.mimeType, rtp.payload) !== false) this.keyframeArrived()
    this.packetsIn++
    this.onArrival(rtp)
    if (this.audioLevelExtId !== undefined) this.readLevel(rtp)
    if (this.subscribers.size === 0 || this.info.muted) return
    const now = performance.timeOrigin + performance.now()
    for (const s of this.subscribers.values()) {
      if (s.paused || s.held) continue
      const sender = s.sender()
      if (sender && forwardingSender(sender).forward(this, this.packetsIn, rtp, now)) this.packetsOut++
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
    if (this.info.type !== TrackType.VIDEO || this.keyframeRequestDue) return
    const since = performance.now() - this.lastKeyframeRequest
    // Waiting for a keyframe, the request is served by it; the timer asks again if it never comes
    // (the keyframe's arrival clears the timer).
    const wait = (this.awaitingKeyframe ? KEYFRAME_WAIT_MS : KEYFRAME_REQUEST_GAP_MS) - since
    if (wait <= 0) return this.sendPli()
    this.keyframeRequestDue = setTimeout(() => {
      this.keyframeRequestDue = undefined
      this.sendPli()
    }, wait).unref()
  }

  private keyframeArrived(): void {
    this.awaitingKeyframe = false
    clearTimeout(this.keyframeRequestDue)
    this.keyframeRequestDue = undefined
  }

  private sendPli(): void {
    const ssrc = this.media?.ssrc
    if (ssrc === undefined || !this.receiver) return
    this.lastKeyframeRequest = performance.now()
    this.awaitingKeyframe = true
    void this.receiver.sendRtcpPLI(ssrc).catch(() => undefined)
  }

  detach(): void {
    clearTimeout(this.keyframeRequestDue)
    this.unsubscribe?.()
    this.subscribers.clear()
  }
}
