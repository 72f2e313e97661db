/**
 * LiveKit's classic `/rtc` path: two peer connections. The client offers on its publisher
 * connection (answered like the single connection of `/rtc/v1`, with no tracks going back), and
 * the server offers on the subscriber connection, which carries every track this participant
 * receives and the server's data channels. Clients wait for the subscriber connection to join.
 */
import { SessionDescription, SignalTarget } from '@livekit/protocol'
import { SfuPeer, type DownTrackSlot } from './sfu-peer.ts'
import { SubscriberPeer } from './subscriber-peer.ts'
import type { SfuConfig } from './sfu-config.ts'
import type { CandidateInit, ParticipantTransport, TransportEvents } from './participant-transport.ts'
import { listenForData, sendOnFirstOpen } from './transport-data.ts'

export class TwoPeerTransport implements ParticipantTransport {
  readonly path = '/rtc'
  readonly publisher: SfuPeer
  readonly subscriber: SubscriberPeer
  private started = false

  constructor(
    config: SfuConfig,
    private readonly events: TransportEvents,
  ) {
    this.publisher = new SfuPeer(config, {
      onTrack: (t) => events.track(t),
      onDataChannel: (c) => listenForData(c, events),
      announced: (cid) => events.announced(cid),
    })
    this.subscriber = new SubscriberPeer(config, {
      offer: ({ id, sdp, midToTrackId }) =>
        events.signal({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp, id, midToTrackId }) }),
      negotiated: () => events.negotiated(),
      dataChannel: (c) => listenForData(c, events),
      stalled: () => events.negotiationFailed(),
    })
    this.subscriber.pc.iceConnectionStateChange.subscribe((s) => {
      if (s === 'connected') events.connected()
    })
  }

  /** The first subscriber offer goes out at once, with the data channels and whatever waits. */
  start(): void {
    this.started = true
    this.subscriber.renegotiate()
  }

  async answer(offer: SessionDescription): Promise<void> {
    // Sections the client offered to receive on (left over from a `/rtc/v1` attempt) stay inactive.
    const { sdp } = await this.publisher.answer(offer.sdp)
    this.events.signal({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp, id: offer.id }) })
  }

  async acceptAnswer(answer: SessionDescription): Promise<void> {
    if (!(await this.subscriber.acceptAnswer(answer))) throw new Error(`answer to an offer not in flight: ${answer.id}`)
  }

  async addCandidate(candidate: CandidateInit, target: SignalTarget): Promise<void> {
    if (target === SignalTarget.SUBSCRIBER) await this.subscriber.addCandidate(candidate)
    else await this.publisher.addCandidate(candidate)
  }

  addDownTrack(slot: DownTrackSlot): void {
    this.subscriber.downTracks.add(slot)
  }

  removeDownTrack(trackSid: string): void {
    this.subscriber.downTracks.remove(trackSid)
  }

  downTrack(trackSid: string): DownTrackSlot | undefined {
    return this.subscriber.downTracks.get(trackSid)
  }

  /**
   * The subscriber offer in flight may have been lost with the old socket, or its answer: it goes
   * again, with the same id. The subscriber connection keeps its ICE: werift, which offers it,
   * runs no connectivity checks after a restart, and the client restarts ICE on its publisher
   * connection only. If that connection broke as well, livekit-client gives up the resume and
   * rejoins in full.
   */
  resumed(): void {
    this.subscriber.offerAgain()
    this.renegotiate()
  }

  renegotiate(): void {
    if (this.started) this.subscriber.renegotiate()
  }

  /** On the server's own channel (the only one some SDKs read), else on the client's publisher one. */
  sendData(bytes: Uint8Array, reliable: boolean): void {
    sendOnFirstOpen([this.subscriber.channels, this.publisher.channels], bytes, reliable)
  }

  setSimulatedLoss(share: number): void {
    this.publisher.setSimulatedLoss(share)
    this.subscriber.setSimulatedLoss(share)
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher.close(), this.subscriber.close()])
  }
}
