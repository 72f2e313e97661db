/**
 * The main thread's handle on one media worker thread: starts it, relays the signal sockets of
 * the participants it hosts, and asks it questions. If the thread dies, its sockets close with
 * 1011 and the clients rejoin (on another thread, or this one restarted); nothing else is lost.
 */
import { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'
import type { ClaimGrants } from 'livekit-server-sdk'
import type { SignalSocket } from './signal-socket.ts'
import type { SignalPath } from './participant-transport.ts'
import type { SpeakingListener } from './sfu-host.ts'
import type { FromWorker, ToWorker, WorkerAnswer, WorkerCall, WorkerSetup } from './sfu-thread-messages.ts'

/** Running from TypeScript sources (tests, `npm run dev`) or from the bundle `npm start` builds. */
const fromSources = import.meta.url.endsWith('.ts')
const ENTRY = new URL(fromSources ? './sfu-worker.ts' : './sfu-worker.mjs', import.meta.url)
const SHUTDOWN_WAIT_MS = 2000

export class MediaWorker {
  private readonly worker: Worker
  private readonly sockets = new Map<number, SignalSocket>()
  private readonly calls = new Map<number, (value: unknown) => void>()
  /** Joins sent per room, to tell a closed room from one a join is about to reopen. */
  private readonly opens = new Map<string, number>()
  private nextId = 1
  private exited = false
  private shutDown: (() => void) | undefined

  constructor(
    setup: WorkerSetup,
    private readonly log: Logger,
    private readonly onSpeaking: () => SpeakingListener,
    /** A room this thread hosted closed, and no join for it is on its way: forget where it was. */
    private readonly onRoomClosed: (worker: MediaWorker, room: string) => void,
    /** The thread stopped without being asked: forget the rooms it had. */
    private readonly onExit: (worker: MediaWorker) => void,
  ) {
    this.worker = fromSources
      ? // TypeScript sources need tsx's loader in the thread before the entry is imported.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}) })`,
          { eval: true, workerData: setup },
        )
      : new Worker(ENTRY, { workerData: setup })
    this.worker.on('message', (m: FromWorker) => this.received(m))
    this.worker.on('error', (err) => this.log.error({ err: err.message }, 'media worker failed'))
    this.worker.on('exit', (code) => this.exit(code))
  }

  /** Signal sockets open on this thread: how busy it is. */
  get load(): number {
    return this.sockets.size
  }

  get alive(): boolean {
    return !this.exited
  }

  open(ws: SignalSocket, claims: ClaimGrants, room: string, path: SignalPath, query: unknown): void {
    const sock = this.nextId++
    this.sockets.set(sock, ws)
    this.opens.set(room, (this.opens.get(room) ?? 0) + 1)
    ws.on('message', (data, binary) => {
      // A copy of exactly this frame: ws hands out views into larger pooled buffers.
      const copy = new Uint8Array(data)
      this.post({ t: 'frame', sock, data: copy, binary }, [copy.buffer])
    })
    ws.on('close', () => {
      if (this.sockets.delete(sock)) this.post({ t: 'socketClosed', sock })
    })
    this.post({ t: 'open', sock, claims, room, path, query })
  }

  /** Resolves `undefined` when the thread stops before it answers. */
  call<K extends WorkerCall['kind']>(call: Extract<WorkerCall, { kind: K }>): Promise<WorkerAnswer[K] | undefined> {
    if (this.exited) return Promise.resolve(undefined)
    const id = this.nextId++
    return new Promise((resolve) => {
      this.calls.set(id, resolve as (value: unknown) => void)
      this.post({ t: 'call', id, call })
    })
  }

  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.exited) this.worker.postMessage(message, transfer)
  }

  /** Closes its rooms (participants hear why), then ends the thread. */
  async close(): Promise<void> {
    if (this.exited) return
    await new Promise<void>((done) => {
      this.shutDown = done
      this.post({ t: 'shutdown' })
      setTimeout(done, SHUTDOWN_WAIT_MS).unref()
    })
    this.exited = true
    await this.worker.terminate()
  }

  /** Ends the thread at once, as a crash would: what happens after is the same. */
  async crash(): Promise<void> {
    await this.worker.terminate()
  }

  private received(m: FromWorker): void {
    switch (m.t) {
      case 'send':
        return this.sockets.get(m.sock)?.send(m.data)
      case 'close':
        return this.sockets.get(m.sock)?.close(m.code, m.reason)
      case 'terminate':
        return this.sockets.get(m.sock)?.terminate()
      case 'speaking':
        return this.onSpeaking()(m.room, m.identity, m.speaking, m.at)
      case 'roomClosed':
        if ((this.opens.get(m.room) ?? 0) !== m.opens) return
        this.opens.delete(m.room)
        this.post({ t: 'forgetRoom', room: m.room })
        return this.onRoomClosed(this, m.room)
      case 'answer': {
        const resolve = this.calls.get(m.id)
        this.calls.delete(m.id)
        return resolve?.(m.value)
      }
      case 'shutDown':
        return this.shutDown?.()
    }
  }

  private exit(code: number): void {
    if (this.exited) return
    this.exited = true
    this.log.error({ code }, 'media worker stopped; its participants will rejoin')
    for (const ws of this.sockets.values()) ws.close(1011, 'media server restarting')
    this.sockets.clear()
    for (const resolve of this.calls.values()) resolve(undefined)
    this.calls.clear()
    this.onExit(this)
  }
}
