/**
 * The embedded SFU as the rest of the server sees it, wherever its rooms run: in this thread
 * (`EmbeddedSfu`) or spread over worker threads, a room on one worker (`ThreadedSfu`).
 */
import type { ClaimGrants } from 'livekit-server-sdk'
import type { SfuConfig } from './sfu-config.ts'
import type { SignalJoin } from './signal-join.ts'
import type { SignalSocket } from './signal-socket.ts'
import type { SignalPath } from './participant-transport.ts'
import type { RoomServiceMethod, RoomServiceResult } from './room-service-calls.ts'

export type TokenCheck = { ok: true; claims: ClaimGrants; room: string } | { ok: false; reason: string }

/** Someone in `room` started (`true`) or stopped talking, at `at` (ms since the epoch). */
export type SpeakingListener = (room: string, identity: string, speaking: boolean, at: number) => void

/** What a test or an operator may ask about one participant. */
export interface ParticipantState {
  path: SignalPath
  /** Its signal socket is open (not waiting for the client to rejoin). */
  connected: boolean
}

export interface SfuHost {
  readonly config: SfuConfig
  /** Active-speaker changes of every room (the learning records count speaking time from them). */
  onSpeaking: SpeakingListener
  /** Verifies a join token: signature, expiry, and a room-join grant. */
  checkToken(token: string | undefined): Promise<TokenCheck>
  /**
   * Someone was just given a token for `room` and connects in a moment, once their page has
   * loaded: have ready what their join needs (a media thread, werift and its certificate), so that
   * the first join after the server starts does not wait for them.
   */
  expectJoin(room: string): void
  /** A signal socket opened with a valid token, on either path; `query` is what `join` was parsed from. */
  join(ws: SignalSocket, claims: ClaimGrants, room: string, join: SignalJoin, query: unknown): Promise<void>
  roomService(method: RoomServiceMethod, body: unknown, claims: ClaimGrants): Promise<RoomServiceResult>
  /** Whether any room exists (nothing to ask the RoomService about otherwise). */
  hasRooms(): boolean
  participant(room: string, identity: string): Promise<ParticipantState | undefined>
  /** Cuts a participant's signal socket as a broken network would; false when there is none. */
  dropSignal(room: string, identity: string): Promise<boolean>
  /** Testing aid: simulated loss (share 0–1 each way) for every connection, live ones included. */
  setSimulatedLoss(share: number): void
  close(): Promise<void>
}
