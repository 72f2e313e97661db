/**
 * One thread of the ink load: a slice of the people. Each holds its own Y.Doc on the boards
 * document through the real y-websocket client and draws as the board's pen tool does: a stroke
 * starts with an item holding its first points, then a chunk of new points every 33 ms (pointer
 * moves at 60 Hz, sent at most every 25 ms), 1.5 s a stroke, 0.5 s pen up, again. Sampled people
 * note when each chunk of someone else's ink reached their document.
 */
import { parentPort, workerData } from 'node:worker_threads'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { withoutAwarenessEcho } from '../../client/net/collab/without-awareness-echo.ts'
import { defaultPageId, itemsOf } from '#common/collab/board-doc.ts'
import { addItem, appendInk } from '#common/collab/board-ops.ts'
import { encodePoints, type PointCursor } from '#common/collab/board-points.ts'

// y-websocket adds a process exit listener per provider; 15 a thread are expected here.
process.setMaxListeners(0)

export interface InkWorkerInput {
  url: string
  /** Atrium: a token and document name per person; the reference server: none (room `bench`). */
  tokens?: { token: string; doc: string }[]
  first: number
  count: number
  /** Global indexes of the people who record arrivals. */
  sampled: number[]
}
export type ToInkWorker = { type: 'start' } | { type: 'stop' } | { type: 'settle'; chunks: number }
export type FromInkWorker =
  | { type: 'synced' }
  | { type: 'stopped'; chunks: number }
  | {
      type: 'done'
      /** Flat pairs: chunk key, wall-clock ms it was sent. */
      sent: (string | number)[]
      /** Flat pairs per sampled person: chunk key, wall-clock ms it arrived. */
      arrived: (string | number)[][]
      /** Chunks of others each sampled person holds, and how many they should. */
      have: number[]
      want: number[]
    }

const CHUNK_MS = 33
const POINTS_PER_CHUNK = 2
const STROKE_CHUNKS = 45
const PAUSE_CHUNKS = 15
const PAGE = defaultPageId('board-1')

const input = workerData as InkWorkerInput
// Wall-clock milliseconds, comparable between the threads of this process.
const now = () => performance.timeOrigin + performance.now()
const post = (m: FromInkWorker) => parentPort!.postMessage(m)

interface Person {
  index: number
  doc: Y.Doc
  provider: WebsocketProvider
  origin: object
  stroke: { id: string; cursor: PointCursor; chunks: number } | undefined
  /** Ticks of pen up left before the next stroke. */
  pause: number
  x: number
  y: number
  heading: number
  own: number
}

function connect(index: number): Person {
  const doc = new Y.Doc()
  const t = input.tokens?.[index]
  const provider = new WebsocketProvider(input.url, t ? t.doc : 'bench', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: t ? { token: t.token } : {},
  })
  // Atrium's browser client (with a token) does not echo others' awareness; the stock one does.
  if (t) withoutAwarenessEcho(provider)
  return { index, doc, provider, origin: {}, stroke: undefined, pause: 0, x: 0, y: 0, heading: 0, own: 0 }
}

const people: Person[] = []
for (let k = 0; k < input.count; k++) people.push(connect(input.first + k))
const end = Date.now() + 60_000
while (!people.every((p) => p.provider.synced) && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
post({ type: 'synced' })

const sent: (string | number)[] = []
const arrived: (string | number)[][] = []
const counters: { have: number }[] = []
for (const p of people) {
  if (!input.sampled.includes(p.index)) continue
  const log: (string | number)[] = []
  const counter = { have: 0 }
  arrived.push(log)
  counters.push(counter)
  const items = itemsOf(p.doc)
  const seen = new Map<string, number>()
  items.observeDeep((events, tr) => {
    if (tr.local) return
    const t = now()
    const touched = new Set<string>()
    for (const e of events) {
      if (e.target === items) for (const k of (e as Y.YMapEvent<unknown>).keysChanged) touched.add(k)
      else if (typeof e.path[0] === 'string') touched.add(e.path[0])
    }
    for (const id of touched) {
      const pts = items.get(id)?.get('pts')
      if (!(pts instanceof Y.Array)) continue
      for (let i = seen.get(id) ?? 0; i < pts.length; i++) log.push(`${id}#${i}`, t)
      counter.have += Math.max(0, pts.length - (seen.get(id) ?? 0))
      seen.set(id, pts.length)
    }
  })
}

function points(p: Person) {
  const out = []
  for (let i = 0; i < POINTS_PER_CHUNK; i++) {
    p.heading += (Math.random() - 0.5) * 0.5
    p.x = Math.min(1550, Math.max(50, p.x + Math.cos(p.heading) * 6))
    p.y = Math.min(850, Math.max(50, p.y + Math.sin(p.heading) * 6))
    out.push({ x: p.x, y: p.y })
  }
  return out
}

function step(p: Person): void {
  if (!p.stroke) {
    if (p.pause-- > 0) return
    p.x = 100 + Math.random() * 1400
    p.y = 100 + Math.random() * 700
    const first = encodePoints(points(p), false)
    const style = { color: '#1d4ed8', width: 4 }
    const item = { kind: 'ink' as const, page: PAGE, by: `p${p.index}`, style, pressure: false, first: first.bytes }
    // Timed before the change: y-websocket sends it from inside the transaction.
    const t = now()
    const id = addItem(p.doc, item, p.origin)
    sent.push(`${id}#0`, t)
    p.stroke = { id, cursor: first.cursor, chunks: 1 }
  } else {
    const chunk = encodePoints(points(p), false, p.stroke.cursor)
    sent.push(`${p.stroke.id}#${p.stroke.chunks}`, now())
    appendInk(p.doc, p.stroke.id, chunk.bytes, p.origin)
    p.stroke.cursor = chunk.cursor
    if (++p.stroke.chunks >= STROKE_CHUNKS) {
      p.stroke = undefined
      p.pause = PAUSE_CHUNKS
    }
  }
  p.own++
}

const timers: NodeJS.Timeout[] = []
parentPort!.on('message', async (m: ToInkWorker) => {
  if (m.type === 'start') {
    for (const p of people) {
      // People start at different moments, as in a class.
      p.pause = Math.floor(Math.random() * (STROKE_CHUNKS + PAUSE_CHUNKS))
      timers.push(setTimeout(() => timers.push(setInterval(() => step(p), CHUNK_MS)), Math.random() * CHUNK_MS))
    }
  } else if (m.type === 'stop') {
    for (const t of timers) clearTimeout(t)
    post({ type: 'stopped', chunks: people.reduce((n, p) => n + p.own, 0) })
  } else {
    const sampled = people.filter((p) => input.sampled.includes(p.index))
    const want = sampled.map((p) => m.chunks - p.own)
    const until = Date.now() + 15_000
    while (counters.some((c, i) => c.have < want[i]!) && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    post({ type: 'done', sent, arrived, have: counters.map((c) => c.have), want })
    for (const p of people) p.provider.destroy()
  }
})
