/**
 * LiveKit's `/rtc/v1` path: one peer connection, and only the client offers. Tracks this
 * participant receives go on the receive-only sections the client offered; when there are too few,
 * the server asks for more with `mediaSectionsRequirement`, and the client offers again.
 *
 * One request is in flight at a time: changes made while the client's offer is on its way, or
 * while an answer is being made, go into the answer or into one request after it. Without that,
 * thirty microphones published at once meant thirty offers from every participant, and each
 * request counted the sections asked for earlier but not yet offered again, so clients piled up
 * receive sections that every later offer and answer carried.
 *
 * A client that has not offered the sections asked for within `negotiationTimeoutMs` (15 s) is
 * stuck: it would receive no later track, so it is told to reconnect in full, as on the classic
 * path.
 *
 * A joiner is asked only once its connection is up. Its first answer already carries what fits on
 * livekit-client's first offer (three audio and three video sections: a teacher's camera, screen
 * and microphone), and while a class joins at once every new microphone is one more request for
 * everyone: answered then, those rounds took the CPU the joins' handshakes and first pictures
 * needed. Asked later, one request covers what was published meanwhile.
 */
import { SessionDescription, type SignalTarget } from '@livekit/protocol'
import type { RTCDataChannel } from 'werift'
import { SfuPeer, type DownTrackSlot, type MediaKind } from './sfu-peer.ts'
import { DEFAULT_NEGOTIATION_TIMEOUT_MS, type SfuConfig } from './sfu-config.ts'
import type { CandidateInit, ParticipantTransport, TransportEvents } from './participant-transport.ts'
import { listenForData, sendOnFirstOpen } from './transport-data.ts'

/** The receive sections the client will have once it offers after the request. */
interface Request {
  audio: number
  video: number
  timer: NodeJS.Timeout
}

export class SinglePeerTransport implements ParticipantTransport {
  readonly path = '/rtc/v1'
  readonly peer: SfuPeer
  private request: Request | undefined
  private answering = 0
  private connected = false

  constructor(
    private readonly config: SfuConfig,
    private readonly events: TransportEvents,
  ) {
    this.peer = new SfuPeer(config, {
      onTrack: (t) => events.track(t),
      onDataChannel: (c: RTCDataChannel) => listenForData(c, events),
      announced: (cid) => events.announced(cid),
    })
    this.peer.pc.iceConnectionStateChange.subscribe((s) => {
      if (s === 'connected') events.connected()
    })
    this.peer.pc.connectionStateChange.subscribe((s) => {
      if (s !== 'connected' || this.connected) return
      this.connected = true
      this.renegotiate()
    })
  }

  start(): void {}

  async answer(offer: SessionDescription): Promise<void> {
    // The client offered: while the server answers (slowly, in a join storm) it is not the one late.
    if (this.request) clearTimeout(this.request.timer)
    this.answering++
    let answer
    try {
      answer = await this.peer.answer(offer.sdp)
    } catch (err) {
      if (this.request && this.answering === 1) this.request.timer = this.deadline()
      throw err
    } finally {
      this.answering--
    }
    this.events.signal({
      case: 'answer',
      value: new SessionDescription({
        type: 'answer',
        sdp: answer.sdp,
        id: offer.id,
        midToTrackId: answer.midToTrackId,
      }),
    })
    if (this.request) {
      if (this.offeredAll(this.request)) this.settle()
      else if (this.answering === 0) this.request.timer = this.deadline()
    }
    this.events.negotiated()
    this.renegotiate()
  }

  private offeredAll(request: Request): boolean {
    return this.peer.receiveSections('audio') >= request.audio && this.peer.receiveSections('video') >= request.video
  }

  private settle(): void {
    clearTimeout(this.request?.timer)
    this.request = undefined
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

  /**
   * Asks the client to offer again, with enough extra receive sections for what waits, unless its
   * connection is not up yet (this runs when it is), an answer is being made (it places what it
   * can; this runs again after it) or a request is still unanswered (its offer's answer does).
   */
  renegotiate(): void {
    if (!this.connected || this.answering > 0 || this.request || !this.peer.needsNegotiation()) return
    const need = (kind: MediaKind) =>
      Math.max(0, this.peer.downTracks.waiting(kind).length - this.peer.freeSections(kind))
    const numAudios = need('audio')
    const numVideos = need('video')
    this.request = {
      audio: this.peer.receiveSections('audio') + numAudios,
      video: this.peer.receiveSections('video') + numVideos,
      timer: this.deadline(),
    }
    this.events.signal({ case: 'mediaSectionsRequirement', value: { numAudios, numVideos } as never })
  }

  /** The client is stuck if it has not offered what was asked for by then. */
  private deadline(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.request = undefined
      this.events.negotiationFailed()
    }, this.config.negotiationTimeoutMs ?? DEFAULT_NEGOTIATION_TIMEOUT_MS)
    timer.unref()
    return timer
  }

  /** A request sent on the dropped socket may be lost: ask again for what is still missing. */
  resumed(): void {
    this.settle()
    this.renegotiate()
  }

  /** On the client's own channel: in single peer connection mode there is no other. */
  sendData(bytes: Uint8Array, reliable: boolean): void {
    sendOnFirstOpen([this.peer.channels], bytes, reliable)
  }

  setSimulatedLoss(share: number): void {
    this.peer.setSimulatedLoss(share)
  }

  close(): Promise<void> {
    this.settle()
    return this.peer.close()
  }
}
