/**
 * The subscriber connection of LiveKit's classic path (`/rtc`): the server offers it. It carries
 * the server's own `_reliable` and `_lossy` data channels (some SDKs take data only from those)
 * and one send-only section per track the participant receives, with the stream id
 * `PA_<publisher>|TR_<track>` that clients read the publisher from. One offer is in flight at a
 * time; changes made meanwhile go into the next one. An offer left unanswered for
 * `negotiationTimeoutMs` (sfu-config.ts) means the client is stuck: it would receive no later change,
 * so the participant is told to reconnect in full (LiveKit gives up after 15 s as well).
 */
import type { RTCDataChannel, RTCRtpCodecParameters, RTCRtpTransceiver } from 'werift'
import { werift } from './werift-lazy.ts'
import { DEFAULT_NEGOTIATION_TIMEOUT_MS, type SfuConfig } from './sfu-config.ts'
import { DownTrackSlots, placeOnSection } from './down-track-slots.ts'
import {
  createPeerConnection,
  gathered,
  isMdnsCandidate,
  localSdp,
  sendCodec,
  setSimulatedLoss,
  type MediaKind,
} from './sfu-peer.ts'
import type { CandidateInit } from './participant-transport.ts'

export interface ServerOffer {
  id: number
  sdp: string
  midToTrackId: Record<string, string>
}

export class SubscriberPeer {
  readonly pc
  /** The server's data channels, by label. */
  readonly channels = new Map<string, RTCDataChannel>()
  readonly downTracks = new DownTrackSlots()
  private lastOfferId = 0
  /** The offer waiting for the client's answer, or being made. */
  private pending: { offer: ServerOffer; retired: RTCRtpTransceiver[]; timer: NodeJS.Timeout } | 'making' | undefined
  private offeredOnce = false
  private closed = false

  constructor(
    private readonly config: SfuConfig,
    private readonly handlers: {
      /** An offer to send to the client. */
      offer(offer: ServerOffer): void
      /** An offer was answered: down-tracks placed by it carry media now. */
      negotiated(): void
      /** The server's channel of that label is open (it is also where clients may send). */
      dataChannel(channel: RTCDataChannel): void
      /** An offer went unanswered for `negotiationTimeoutMs`; nothing more is offered. */
      stalled(): void
    },
  ) {
    this.pc = createPeerConnection(config, 'max-bundle')
    for (const [label, options] of [
      ['_reliable', { ordered: true }],
      ['_lossy', { ordered: false, maxRetransmits: 0 }],
    ] as const) {
      const channel = this.pc.createDataChannel(label, options)
      this.channels.set(label, channel)
      handlers.dataChannel(channel)
    }
  }

  /** Offers if the sections differ from what the client has and no offer waits for its answer. */
  renegotiate(): void {
    if (this.closed || this.pending || !this.needsOffer()) return
    this.pending = 'making'
    this.makeOffer().then(
      (offer) => this.handlers.offer(offer),
      () => {
        // The connection closed under it: nothing waits for this offer.
        this.pending = undefined
      },
    )
  }

  /**
   * Applies the client's answer to the offer in flight; an answer to any other offer is ignored.
   * An answer numbered 0 answers the one in flight: the native SDKs (Rust, and the Python and Unity
   * SDKs on it) and clients of protocols before 16 do not number their answers.
   */
  async acceptAnswer(answer: { sdp: string; id: number }): Promise<boolean> {
    const pending = this.pending
    if (typeof pending !== 'object' || (answer.id !== 0 && pending.offer.id !== answer.id)) return false
    clearTimeout(pending.timer)
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
    // The client now knows these sections are inactive; later tracks may take them.
    for (const t of pending.retired) this.downTracks.retiring.delete(t)
    for (const slot of this.downTracks.all()) if (slot.transceiver) sendCodec(slot.transceiver, slot.codec())
    this.pending = undefined
    this.handlers.negotiated()
    this.renegotiate()
    return true
  }

  async addCandidate(candidate: CandidateInit): Promise<void> {
    if (isMdnsCandidate(candidate.candidate)) return
    await this.pc.addIceCandidate(candidate)
  }

  private needsOffer(): boolean {
    return !this.offeredOnce || this.downTracks.retiring.size > 0 || this.downTracks.waiting().length > 0
  }

  private async makeOffer(): Promise<ServerOffer> {
    this.placeSlots()
    const retired = [...this.downTracks.retiring]
    this.offeredOnce = true
    const description = await this.pc.createOffer()
    // Named as offered: a track removed while the offer is on its way leaves at the next one.
    const midToTrackId = this.downTracks.midToTrackId()
    await this.pc.setLocalDescription(description)
    await gathered(this.pc)
    const offer = { id: ++this.lastOfferId, sdp: localSdp(this.pc, this.config), midToTrackId }
    this.pending = { offer, retired, timer: this.deadline() }
    return offer
  }

  /** Sends the offer in flight again (the client resumed on a new socket), with a new deadline. */
  offerAgain(): void {
    if (typeof this.pending !== 'object') return
    clearTimeout(this.pending.timer)
    this.pending.timer = this.deadline()
    this.handlers.offer(this.pending.offer)
  }

  /** The client is stuck if the offer is still unanswered by then. */
  private deadline(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (this.closed) return
      this.closed = true
      this.handlers.stalled()
    }, this.config.negotiationTimeoutMs ?? DEFAULT_NEGOTIATION_TIMEOUT_MS)
    timer.unref()
    return timer
  }

  /** Gives every waiting track a section: an inactive one the client already knows, or a new one. */
  private placeSlots(): void {
    const taken = this.downTracks.taken()
    const retiring = this.downTracks.retiring
    for (const slot of this.downTracks.waiting()) {
      const t =
        this.pc
          .getTransceivers()
          .find((t) => t.kind === slot.kind && t.direction === 'inactive' && !retiring.has(t) && !taken.has(t)) ??
        this.pc.addTransceiver(slot.kind, { direction: 'sendonly' })
      // werift would replace an inactive transceiver by a new one of its own and lose this one.
      t.usedForSender = true
      taken.add(t)
      t.codecs = [this.offeredCodec(slot.kind, slot.codec())].filter((c) => c !== undefined)
      placeOnSection(slot, t)
    }
  }

  /**
   * A section offers exactly the codec its track arrives in, so the browser has no other to
   * answer. H.264 keeps the publisher's profile, which a decoder must match; other codecs keep the
   * server's own parameters, since bundled sections must not give one payload type two meanings.
   */
  private offeredCodec(
    kind: MediaKind,
    want: { mimeType: string; fmtp: string | undefined },
  ): RTCRtpCodecParameters | undefined {
    const own = this.pc.config.codecs[kind]?.find((c) => c.mimeType.toLowerCase() === want.mimeType.toLowerCase())
    if (!own || !want.fmtp || own.mimeType.toLowerCase() !== 'video/h264') return own
    const { RTCRtpCodecParameters } = werift()
    return new RTCRtpCodecParameters({
      mimeType: own.mimeType,
      clockRate: own.clockRate,
      payloadType: own.payloadType,
      rtcpFeedback: own.rtcpFeedback,
      parameters: want.fmtp,
    })
  }

  setSimulatedLoss(share: number): void {
    setSimulatedLoss(this.pc, share)
  }

  async close(): Promise<void> {
    this.closed = true
    if (typeof this.pending === 'object') clearTimeout(this.pending.timer)
    await this.pc.close().catch(() => undefined)
  }
}
