/**
 * The subscriber connection of LiveKit's classic path (`/rtc`): the server offers it. It carries
 * the server's own `_reliable` and `_lossy` data channels (some SDKs take data only from those)
 * and one send-only section per track the participant receives, with the stream id
 * `PA_<publisher>|TR_<track>` that clients read the publisher from. One offer is in flight at a
 * time; changes made meanwhile go into the next one.
 */
import type { RTCDataChannel, RTCRtpCodecParameters, RTCRtpTransceiver } from 'werift'
import { werift } from './werift-lazy.ts'
import type { SfuConfig } from './sfu-config.ts'
import {
  createPeerConnection,
  gathered,
  isMdnsCandidate,
  localSdp,
  sendCodec,
  setSimulatedLoss,
  type DownTrackSlot,
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
  private readonly slots = new Map<string, DownTrackSlot>()
  /** Sections whose track was removed, until an answered offer has made them inactive. */
  private readonly retiring = new Set<RTCRtpTransceiver>()
  private lastOfferId = 0
  /** The offer waiting for the client's answer, or being made. */
  private pending: { id: number; retired: RTCRtpTransceiver[] } | 'making' | undefined
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

  addSlot(slot: DownTrackSlot): void {
    this.slots.set(slot.trackSid, slot)
  }

  removeSlot(trackSid: string): void {
    const slot = this.slots.get(trackSid)
    if (!slot) return
    this.slots.delete(trackSid)
    if (slot.transceiver) {
      void slot.transceiver.sender.replaceTrack(null)
      slot.transceiver.setDirection('inactive')
      this.retiring.add(slot.transceiver)
    }
  }

  slot(trackSid: string): DownTrackSlot | undefined {
    return this.slots.get(trackSid)
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

  /** Applies the client's answer to the offer in flight; an answer to any other offer is ignored. */
  async acceptAnswer(answer: { sdp: string; id: number }): Promise<boolean> {
    const pending = this.pending
    if (typeof pending !== 'object' || pending.id !== answer.id) return false
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
    // The client now knows these sections are inactive; later tracks may take them.
    for (const t of pending.retired) this.retiring.delete(t)
    for (const slot of this.slots.values()) if (slot.transceiver) sendCodec(slot.transceiver, slot.codec())
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
    return !this.offeredOnce || this.retiring.size > 0 || [...this.slots.values()].some((s) => !s.transceiver)
  }

  private async makeOffer(): Promise<ServerOffer> {
    this.placeSlots()
    const retired = [...this.retiring]
    this.offeredOnce = true
    const offer = await this.pc.createOffer()
    // Named as offered: a track removed while the offer is on its way leaves at the next one.
    const midToTrackId: Record<string, string> = {}
    for (const slot of this.slots.values())
      if (slot.transceiver?.mid) midToTrackId[slot.transceiver.mid] = slot.trackSid
    await this.pc.setLocalDescription(offer)
    await gathered(this.pc)
    const id = ++this.lastOfferId
    this.pending = { id, retired }
    return { id, sdp: localSdp(this.pc, this.config), midToTrackId }
  }

  /** Gives every waiting track a section: an inactive one the client already knows, or a new one. */
  private placeSlots(): void {
    const taken = new Set([...this.slots.values()].map((s) => s.transceiver))
    for (const slot of this.slots.values()) {
      if (slot.transceiver) continue
      const t =
        this.pc
          .getTransceivers()
          .find((t) => t.kind === slot.kind && t.direction === 'inactive' && !this.retiring.has(t) && !taken.has(t)) ??
        this.pc.addTransceiver(slot.kind, { direction: 'sendonly' })
      // werift would replace an inactive transceiver by a new one of its own and lose this one.
      t.usedForSender = true
      taken.add(t)
      slot.transceiver = t
      t.codecs = [this.offeredCodec(slot.kind, slot.codec())].filter((c) => c !== undefined)
      const sender = t.sender as typeof t.sender & { trackId: string }
      // The msid of the offer is `<streamId> <trackId>`; werift types the track id read-only.
      sender.trackId = slot.trackSid
      const { MediaStream, MediaStreamTrack } = werift()
      sender.setStreams([new MediaStream({ id: slot.streamId })])
      sender.registerTrack(new MediaStreamTrack({ kind: slot.kind }))
      t.setDirection('sendonly')
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
    await this.pc.close().catch(() => undefined)
  }
}
