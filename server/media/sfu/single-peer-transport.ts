/**
 * LiveKit's `/rtc/v1` path: one peer connection, and only the client offers. Tracks this
 * participant receives go on the receive-only sections the client offered; when there are too few,
 * the server asks for more with `mediaSectionsRequirement`, and the client offers again.
 */
import { SessionDescription, type SignalTarget } from '@livekit/protocol'
import type { RTCDataChannel } from 'werift'
import { SfuPeer, type DownTrackSlot, type MediaKind } from './sfu-peer.ts'
import type { SfuConfig } from './sfu-config.ts'
import type { CandidateInit, ParticipantTransport, TransportEvents } from './participant-transport.ts'
import { listenForData, sendOnFirstOpen } from './transport-data.ts'

export class SinglePeerTransport implements ParticipantTransport {
  readonly path = '/rtc/v1'
  readonly peer: SfuPeer

  constructor(
    config: SfuConfig,
    private readonly events: TransportEvents,
  ) {
    this.peer = new SfuPeer(config, {
      onTrack: (t) => events.track(t),
      onDataChannel: (c: RTCDataChannel) => listenForData(c, events),
      incomingCodec: (cid) => events.incomingCodec(cid),
    })
    this.peer.pc.iceConnectionStateChange.subscribe((s) => {
      if (s === 'connected') events.connected()
    })
  }

  start(): void {}

  async answer(offer: SessionDescription): Promise<void> {
    const { sdp, midToTrackId } = await this.peer.answer(offer.sdp)
    this.events.signal({
      case: 'answer',
      value: new SessionDescription({ type: 'answer', sdp, id: offer.id, midToTrackId }),
    })
    this.events.negotiated()
  }

  /** The server never offers on this path; an answer answers nothing. */
  async acceptAnswer(): Promise<void> {}

  /** Every candidate is for the one connection, whatever target it names. */
  async addCandidate(candidate: CandidateInit, _target: SignalTarget): Promise<void> {
    await this.peer.addCandidate(candidate)
  }

  addDownTrack(slot: DownTrackSlot): void {
    this.peer.downTracks.add(slot)
  }

  removeDownTrack(trackSid: string): void {
    this.peer.downTracks.remove(trackSid)
  }

  downTrack(trackSid: string): DownTrackSlot | undefined {
    return this.peer.downTracks.get(trackSid)
  }

  /** Asks the client to offer again, with enough extra receive sections for what waits. */
  renegotiate(): void {
    const need = (kind: MediaKind) =>
      Math.max(0, this.peer.downTracks.waiting(kind).length - this.peer.freeSections(kind))
    this.events.signal({
      case: 'mediaSectionsRequirement',
      value: { numAudios: need('audio'), numVideos: need('video') } as never,
    })
  }

  /** On the client's own channel: in single peer connection mode there is no other. */
  sendData(bytes: Uint8Array, reliable: boolean): void {
    sendOnFirstOpen([this.peer.channels], bytes, reliable)
  }

  setSimulatedLoss(share: number): void {
    this.peer.setSimulatedLoss(share)
  }

  close(): Promise<void> {
    return this.peer.close()
  }
}
