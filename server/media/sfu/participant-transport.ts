/**
 * How a participant's media travels, whichever signalling path the client came in on: one peer
 * connection that the client always offers on (`/rtc/v1`), or LiveKit's classic pair (`/rtc`),
 * where the client offers on its publisher connection and the server offers on the subscriber
 * connection. The participant and the room speak only to this interface.
 */
import type { SessionDescription, SignalTarget } from '@livekit/protocol'
import type { ResponseMessage } from './signal-codec.ts'
import type { AnnouncedTrack, DownTrackSlot, IncomingTrack } from './sfu-peer.ts'

export type SignalPath = '/rtc/v1' | '/rtc'

export interface CandidateInit {
  candidate: string
  sdpMid?: string | null
  sdpMLineIndex?: number | null
}

/** What a transport tells its participant. */
export interface TransportEvents {
  /** A track the client publishes started arriving. */
  track(t: IncomingTrack): void
  /** A data packet from the client, on its reliable or its lossy channel. */
  data(bytes: Uint8Array, reliable: boolean): void
  /** What the client's addTrack request announced for its track `cid`, if it did. */
  announced(cid: string): AnnouncedTrack | undefined
  /** A signal message for the client (answers, offers, renegotiation requests). */
  signal(message: ResponseMessage): void
  /** A negotiation finished; newly placed down-tracks can carry media now. */
  negotiated(): void
  /** The connection the client waits for is up (the participant is active). */
  connected(): void
  /** The client did not complete a negotiation the server needs in time: it must reconnect to receive anything more. */
  negotiationFailed(): void
}

export interface ParticipantTransport {
  readonly path: SignalPath
  /** Called right after the JoinResponse went out: the classic path offers its subscriber connection now. */
  start(): void
  /** Answers the client's offer for its publishing connection (the answer goes out as a signal). */
  answer(offer: SessionDescription): Promise<void>
  /** Applies the client's answer to an offer the server made. */
  acceptAnswer(answer: SessionDescription): Promise<void>
  addCandidate(candidate: CandidateInit, target: SignalTarget): Promise<void>
  /** Another's track this participant now receives; placed at the next negotiation. */
  addDownTrack(slot: DownTrackSlot): void
  removeDownTrack(trackSid: string): void
  downTrack(trackSid: string): DownTrackSlot | undefined
  /** Down-tracks were added or removed: negotiate them (the room batches calls per event-loop turn). */
  renegotiate(): void
  /** The client resumed on a new signal socket: what was asked on the old one may not have arrived. */
  resumed(): void
  /** Sends a data packet to the client on its channel of that kind. */
  sendData(bytes: Uint8Array, reliable: boolean): void
  /** Testing aid: simulated loss on every connection of this participant. */
  setSimulatedLoss(share: number): void
  close(): Promise<void>
}
