/**
 * The embedded SFU spread over worker threads, so a machine's cores all forward media: each room
 * lives whole on one thread (its peer connections, UDP sockets and forwarding), and a new room
 * goes to the thread with the fewest participants. The main thread keeps the HTTP port: it checks
 * tokens, holds the signal WebSockets and relays their frames, and routes RoomService calls to
 * the thread that hosts the room. Threads start when the first participant is given a token (see
 * `expectJoin`), not with the server.
 */
import type { Logger } from 'pino'
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk'
import type { SfuConfig } from './sfu-config.ts'
import type { SignalJoin } from './signal-join.ts'
import type { SignalSocket } from './signal-socket.ts'
import type { ParticipantState, SfuHost, SpeakingListener, TokenCheck } from './sfu-host.ts'
import { checkJoinToken } from './join-token.ts'
import {
  callRoomService,
  twirpFailure,
  type RoomDirectory,
  type RoomServiceMethod,
  type RoomServiceResult,
} from './room-service-calls.ts'
import { MediaWorker } from './media-worker.ts'

/** What RoomService calls see for a room no thread hosts: nothing (and no way to create one). */
const NO_ROOMS: RoomDirectory = {
  rooms: new Map(),
  room() {
    throw new Error('no media thread hosts rooms here')
  },
  deleteRoom() {},
}

/** A thread slot as `threadStates` reports it. */
export type ThreadState = 'not started' | 'loading' | 'ready'

const stoppedThread = twirpFailure(503, 'unavailable', 'the media thread hosting this room stopped; try again')

function field(body: unknown, name: string): string | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
  return typeof v === 'string' ? v : undefined
}

export class ThreadedSfu implements SfuHost {
  onSpeaking: SpeakingListener = () => {}
  private readonly verifier: TokenVerifier
  private readonly workers: (MediaWorker | undefined)[]
  private readonly hosts = new Map<string, MediaWorker>()
  private closed = false

  constructor(
    readonly config: SfuConfig,
    threads: number,
    private readonly log: Logger,
  ) {
    this.verifier = new TokenVerifier(config.apiKey, config.apiSecret)
    const range = config.portRange
    this.workers = Array.from({ length: range ? Math.min(threads, range[1] - range[0] + 1) : threads }, () => undefined)
  }

  checkToken(token: string | undefined): Promise<TokenCheck> {
    return checkJoinToken(this.verifier, token)
  }

  expectJoin(room: string): void {
    if (this.closed || this.hosts.has(room)) return
    // The thread a join for a new room would go to; the join itself chooses again when it comes.
    const slot = this.leastBusy()
    if (!this.workers[slot]) this.start(slot)
  }

  join(ws: SignalSocket, claims: ClaimGrants, room: string, join: SignalJoin, query: unknown): Promise<void> {
    if (this.closed) {
      ws.close(1001, 'server shutting down')
      return Promise.resolve()
    }
    this.hostOf(room).open(ws, claims, room, join.path, query)
    return Promise.resolve()
  }

  async roomService(method: RoomServiceMethod, body: unknown, claims: ClaimGrants): Promise<RoomServiceResult> {
    const call = (w: MediaWorker) =>
      w.call({ kind: 'roomService', method, body, claims }).then((r) => r ?? stoppedThread)
    switch (method) {
      case 'ListRooms': {
        const running = this.running()
        if (running.length === 0) return callRoomService(NO_ROOMS, method, body, claims)
        const results = await Promise.all(running.map(call))
        const failed = results.find((r) => !r.ok)
        if (failed) return failed
        const rooms = results.flatMap((r) => ((r.ok && (r.json as { rooms?: unknown[] }).rooms) || []) as unknown[])
        return { ok: true, json: { rooms } }
      }
      case 'CreateRoom':
        return call(this.hostOf(field(body, 'name') ?? ''))
      case 'DeleteRoom': {
        const room = field(body, 'room') ?? ''
        const host = this.hosts.get(room)
        if (!host) return callRoomService(NO_ROOMS, method, body, claims)
        // The thread says the room closed before it answers: the room is forgotten here then.
        return call(host)
      }
      default: {
        const host = this.hosts.get(field(body, 'room') ?? '')
        return host ? call(host) : callRoomService(NO_ROOMS, method, body, claims)
      }
    }
  }

  hasRooms(): boolean {
    return this.hosts.size > 0
  }

  async participant(room: string, identity: string): Promise<ParticipantState | undefined> {
    return this.hosts.get(room)?.call({ kind: 'participant', room, identity })
  }

  async dropSignal(room: string, identity: string): Promise<boolean> {
    return (await this.hosts.get(room)?.call({ kind: 'dropSignal', room, identity })) ?? false
  }

  setSimulatedLoss(share: number): void {
    this.config.simulatedLoss = share
    for (const w of this.running()) w.post({ t: 'simulatedLoss', share })
  }

  /** The thread (0-based) hosting `room`, if one does. */
  threadOf(room: string): number | undefined {
    const host = this.hosts.get(room)
    const slot = host ? this.workers.indexOf(host) : -1
    return slot < 0 ? undefined : slot
  }

  /** Each thread's state: not started, loading what joins need, or ready for them. */
  threadStates(): Promise<ThreadState[]> {
    return Promise.all(
      this.workers.map(async (w): Promise<ThreadState> => {
        if (!w?.alive) return 'not started'
        return (await w.call({ kind: 'ready' })) ? 'ready' : 'loading'
      }),
    )
  }

  /** Testing aid: ends a thread as a crash would, without telling its participants first. */
  async crashThread(slot: number): Promise<void> {
    await this.workers[slot]?.crash()
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.running().map((w) => w.close()))
    this.hosts.clear()
  }

  /** The thread hosting `room`; for a new room, the least busy one (started if need be). */
  private hostOf(room: string): MediaWorker {
    const known = this.hosts.get(room)
    if (known) return known
    const best = this.leastBusy()
    const host = this.workers[best] ?? this.start(best)
    this.hosts.set(room, host)
    return host
  }

  /** The slot with the fewest open signal sockets (a slot not started has none); the first of equals. */
  private leastBusy(): number {
    let best = 0
    for (let i = 1; i < this.workers.length; i++) {
      if ((this.workers[i]?.load ?? 0) < (this.workers[best]?.load ?? 0)) best = i
    }
    return best
  }

  private start(slot: number): MediaWorker {
    const worker = new MediaWorker(
      {
        config: { ...this.config, portRange: portsOfThread(this.config.portRange, this.workers.length, slot) },
        logLevel: this.log.level,
        pretty: Boolean(process.stdout.isTTY),
      },
      this.log.child({ thread: slot }),
      () => this.onSpeaking,
      (host, room) => {
        if (this.hosts.get(room) === host) this.hosts.delete(room)
      },
      (gone) => {
        if (this.workers[slot] === gone) this.workers[slot] = undefined
        for (const [room, host] of this.hosts) if (host === gone) this.hosts.delete(room)
      },
    )
    this.workers[slot] = worker
    return worker
  }

  private running(): MediaWorker[] {
    return this.workers.filter((w): w is MediaWorker => w?.alive === true)
  }
}

/**
 * Each thread binds its peer connections' UDP ports from its own share of the range: werift finds
 * a free port by trying it, which would race with another thread trying the same one.
 */
export function portsOfThread(
  range: [number, number] | undefined,
  threads: number,
  slot: number,
): [number, number] | undefined {
  if (!range) return undefined
  const size = Math.floor((range[1] - range[0] + 1) / threads)
  const first = range[0] + slot * size
  return [first, slot === threads - 1 ? range[1] : first + size - 1]
}
