/**
 * One thread of the collab load: a slice of the clients. Every client holds its own Y.Doc; each
 * writer pushes a 50-character item stamped with the wall-clock time (comparable across threads)
 * into a Y.Array at 5 Hz with a random phase; sampled receivers record fan-out latency.
 * Clients are what each server's users run: Atrium's client setup (y-websocket 3 without the
 * awareness echo) for Atrium, the stock y-websocket provider for its reference server, and
 * Hocuspocus's own provider for Hocuspocus.
 */
import { parentPort, workerData } from 'node:worker_threads'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { withoutAwarenessEcho } from '../../client/net/collab/without-awareness-echo.ts'

// y-websocket adds a process exit listener per provider; hundreds are expected here.
process.setMaxListeners(0)

export interface WorkerInput {
  kind: 'atrium' | 'y-websocket' | 'hocuspocus'
  url: string
  /** Global indexes of this thread's clients; writers are those below `writers`. */
  first: number
  count: number
  writers: number
  sampleEvery: number
  itemLength: number
  /** Clients (the last ones) that stop reading their socket once synced. */
  slowReaders: number
  total: number
  /** `append`: push items into a Y.Array (the document grows); `replace`: overwrite one map entry per writer. */
  mode: 'append' | 'replace'
  tokens?: { token: string; doc: string }[]
}

export type ToWorker = { type: 'start' } | { type: 'stop' } | { type: 'settle'; total: number }
export type FromWorker =
  { type: 'synced' } | { type: 'stopped'; pushed: number } | { type: 'done'; lengths: number[]; latencies: number[] }

const input = workerData as WorkerInput
const RATE_HZ = 5
const now = () => performance.timeOrigin + performance.now()
const post = (m: FromWorker) => parentPort!.postMessage(m)

interface Client {
  doc: Y.Doc
  synced(): boolean
  /** Stops reading from the socket (the kernel buffers fill, then the server's). */
  stopReading(): void
  destroy(): void
}

function connect(i: number): Client {
  const doc = new Y.Doc()
  if (input.kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: input.url, WebSocketPolyfill: WebSocket })
    const p = new HocuspocusProvider({ websocketProvider: socket, name: 'bench', document: doc })
    p.attach()
    return {
      doc,
      synced: () => p.isSynced,
      stopReading: () => {},
      destroy: () => (p.destroy(), socket.destroy()),
    }
  }
  const room = input.kind === 'atrium' ? input.tokens![i]!.doc : 'bench'
  const params: Record<string, string> = input.kind === 'atrium' ? { token: input.tokens![i]!.token } : {}
  const p = new WebsocketProvider(input.url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  })
  // Atrium's browser client does not send others' awareness back (the stock provider does).
  if (input.kind === 'atrium') withoutAwarenessEcho(p)
  return {
    doc,
    synced: () => p.synced,
    stopReading: () => (p.ws as unknown as { _socket?: { pause(): void } } | null)?._socket?.pause(),
    destroy: () => p.destroy(),
  }
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
}

const clients: Client[] = []
for (let k = 0; k < input.count; k++) {
  clients.push(connect(input.first + k))
  if (k % 20 === 19) await new Promise((r) => setTimeout(r, 50))
}
await until(() => clients.every((c) => c.synced()), 60_000)
clients.forEach((c, k) => {
  if (input.first + k >= input.total - input.slowReaders) c.stopReading()
})
post({ type: 'synced' })

const latencies: number[] = []
clients.forEach((c, k) => {
  const me = String(input.first + k)
  const id = input.first + k
  if (id % input.sampleEvery !== 0 || id >= input.total - input.slowReaders) return
  const record = (item: string, t: number) => {
    const [ts, writer] = item.split(':')
    if (writer !== me) latencies.push(t - Number(ts))
  }
  if (input.mode === 'replace') {
    const map = c.doc.getMap<string>('latest')
    map.observe((event) => {
      const t = now()
      for (const key of event.keysChanged) record(map.get(key) ?? '', t)
    })
    return
  }
  // Read only what each update adds: an array event's delta walks the whole (growing) array, which
  // would make the load process, not the server, set the tail.
  c.doc.on('update', (update: Uint8Array) => {
    const t = now()
    for (const s of Y.decodeUpdate(update).structs) {
      if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue
      for (const item of s.content.getContent()) if (typeof item === 'string') record(item, t)
    }
  })
})

let pushed = 0
const timers: NodeJS.Timeout[] = []
parentPort!.on('message', async (m: ToWorker) => {
  if (m.type === 'start') {
    clients.forEach((c, k) => {
      const id = input.first + k
      if (id >= input.writers) return
      const arr = c.doc.getArray<string>('items')
      const map = c.doc.getMap<string>('latest')
      const write = () => {
        const item = `${now().toFixed(3)}:${id}:${pushed}:`.padEnd(input.itemLength, 'x')
        if (input.mode === 'replace') map.set(`w${id}`, item)
        else arr.push([item])
        pushed++
      }
      timers.push(
        setTimeout(
          () => {
            write()
            timers.push(setInterval(write, 1000 / RATE_HZ))
          },
          Math.random() * (1000 / RATE_HZ),
        ),
      )
    })
  } else if (m.type === 'stop') {
    for (const t of timers) clearTimeout(t)
    post({ type: 'stopped', pushed })
  } else {
    // In replace mode delivery counts writers whose last item arrived (one entry each).
    const count = (c: Client) =>
      input.mode === 'replace' ? c.doc.getMap('latest').size : c.doc.getArray('items').length
    const want = input.mode === 'replace' ? input.writers : m.total
    await until(() => clients.every((c) => count(c) >= want), 15_000)
    post({ type: 'done', lengths: clients.map(count), latencies })
    for (const c of clients) c.destroy()
  }
})
