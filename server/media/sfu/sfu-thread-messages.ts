/**
 * What the main thread and a media worker thread say to each other. The main thread holds the
 * signal WebSockets and the HTTP routes; a worker holds whole rooms: their participants, peer
 * connections and UDP sockets, so forwarding never crosses threads.
 */
import type { ClaimGrants } from 'livekit-server-sdk'
import type { SfuConfig } from './sfu-config.ts'
import type { SignalPath } from './participant-transport.ts'
import type { RoomServiceMethod, RoomServiceResult } from './room-service-calls.ts'
import type { ParticipantState } from './sfu-host.ts'

export interface WorkerSetup {
  config: SfuConfig
  logLevel: string
  /** One-line human logs (a terminal) instead of JSON lines. */
  pretty: boolean
}

/** A question the main thread asks a worker, and what it answers. */
export type WorkerCall =
  | { kind: 'roomService'; method: RoomServiceMethod; body: unknown; claims: ClaimGrants }
  | { kind: 'participant'; room: string; identity: string }
  | { kind: 'dropSignal'; room: string; identity: string }
  /** Whether werift and its certificate are loaded there. */
  | { kind: 'ready' }

export type WorkerAnswer = {
  roomService: RoomServiceResult
  participant: ParticipantState | undefined
  dropSignal: boolean
  ready: boolean
}

export type ToWorker =
  /** A signal socket was admitted; `query` is re-parsed there (it was checked here). */
  | { t: 'open'; sock: number; claims: ClaimGrants; room: string; path: SignalPath; query: unknown }
  | { t: 'frame'; sock: number; data: Uint8Array; binary: boolean }
  | { t: 'socketClosed'; sock: number }
  | { t: 'call'; id: number; call: WorkerCall }
  | { t: 'simulatedLoss'; share: number }
  /** The main thread forgot the room (see `roomClosed`): count its joins from zero again. */
  | { t: 'forgetRoom'; room: string }
  | { t: 'shutdown' }

export type FromWorker =
  | { t: 'send'; sock: number; data: Uint8Array }
  | { t: 'close'; sock: number; code: number | undefined; reason: string | undefined }
  | { t: 'terminate'; sock: number }
  | { t: 'speaking'; room: string; identity: string; speaking: boolean; at: number }
  /**
   * A room closed (empty too long, or deleted). `opens` counts the joins for it this thread has
   * received: fewer than were sent means one is on its way and will open the room again here.
   */
  | { t: 'roomClosed'; room: string; opens: number }
  | { t: 'answer'; id: number; value: WorkerAnswer[keyof WorkerAnswer] }
  | { t: 'shutDown' }
