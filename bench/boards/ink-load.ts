/**
 * The ink load, in its own process (the measured server runs in another): the people spread over
 * two worker threads. Prints START and STOP around the drawing phase, then one JSON line with
 * the arrival latencies of chunks sent after the warm-up.
 */
import { Worker } from 'node:worker_threads'
import type { FromInkWorker, InkWorkerInput, ToInkWorker } from './ink-load-worker.ts'

interface Args {
  url: string
  people: number
  seconds: number
  warmupSeconds: number
  tokens?: { token: string; doc: string }[]
}

const args = JSON.parse(process.argv[2]!) as Args
const THREADS = 2
// Every third person records arrivals: enough samples, without the load thread doing the work twice.
const sampled = Array.from({ length: args.people }, (_, i) => i).filter((i) => i % 3 === 1)
const workers = Array.from({ length: THREADS }, (_, t) => {
  const first = Math.floor((t * args.people) / THREADS)
  const count = Math.floor(((t + 1) * args.people) / THREADS) - first
  const data: InkWorkerInput = { url: args.url, tokens: args.tokens, first, count, sampled }
  return new Worker(new URL('./ink-load-worker.mjs', import.meta.url), { workerData: data })
})

function all<T extends FromInkWorker['type']>(type: T): Promise<Extract<FromInkWorker, { type: T }>[]> {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<Extract<FromInkWorker, { type: T }>>((resolve) => {
          const on = (m: FromInkWorker) => {
            if (m.type !== type) return
            w.off('message', on)
            resolve(m as Extract<FromInkWorker, { type: T }>)
          }
          w.on('message', on)
        }),
    ),
  )
}
const send = (m: ToInkWorker) => workers.forEach((w) => w.postMessage(m))
const wall = () => performance.timeOrigin + performance.now()

await all('synced')
process.stdout.write('START\n')
const started = wall()
send({ type: 'start' })
await new Promise((r) => setTimeout(r, args.seconds * 1000))
const stopped = all('stopped')
send({ type: 'stop' })
const chunks = (await stopped).reduce((n, m) => n + m.chunks, 0)
const drawSeconds = (wall() - started) / 1000
process.stdout.write('STOP\n')
const doneP = all('done')
send({ type: 'settle', chunks })
const done = await doneP

const sentAt = new Map<string, number>()
for (const d of done)
  for (let i = 0; i < d.sent.length; i += 2) sentAt.set(d.sent[i] as string, d.sent[i + 1] as number)
const from = started + args.warmupSeconds * 1000
const latencies: number[] = []
for (const d of done) {
  for (const log of d.arrived) {
    for (let i = 0; i < log.length; i += 2) {
      const t0 = sentAt.get(log[i] as string)
      if (t0 !== undefined && t0 >= from) latencies.push((log[i + 1] as number) - t0)
    }
  }
}
latencies.sort((a, b) => a - b)
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN
const have = done.flatMap((d) => d.have).reduce((a, b) => a + b, 0)
const want = done.flatMap((d) => d.want).reduce((a, b) => a + b, 0)
process.stdout.write(
  JSON.stringify({
    chunks,
    drawSeconds,
    samples: latencies.length,
    delivery: want > 0 ? have / want : NaN,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: latencies.at(-1) ?? NaN,
  }) + '\n',
)
process.exit(0)
