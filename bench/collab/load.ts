/**
 * Load generator for the collab benchmark, run in its own process with its clients spread over
 * worker threads (one Node thread cannot apply 200 clients' updates at the rate of workload c).
 * Prints START and STOP around the write phase and one JSON line of results.
 */
import { Worker } from 'node:worker_threads'
import type { FromWorker, ToWorker, WorkerInput } from './load-worker.ts'

interface Args {
  kind: WorkerInput['kind']
  url: string
  clients: number
  writers: number
  seconds: number
  threads?: number
  itemLength?: number
  slowReaders?: number
  mode?: 'append' | 'replace'
  tokens?: { token: string; doc: string }[]
}

const args = JSON.parse(process.argv[2]!) as Args
const THREADS = args.threads ?? 2
const SAMPLED_RECEIVERS = 25
const sampleEvery = Math.max(1, Math.floor(args.clients / SAMPLED_RECEIVERS))

const workers = Array.from({ length: THREADS }, (_, t) => {
  const first = Math.floor((t * args.clients) / THREADS)
  const count = Math.floor(((t + 1) * args.clients) / THREADS) - first
  const data: WorkerInput = {
    kind: args.kind,
    url: args.url,
    first,
    count,
    writers: args.writers,
    sampleEvery,
    itemLength: args.itemLength ?? 50,
    slowReaders: args.slowReaders ?? 0,
    total: args.clients,
    mode: args.mode ?? 'append',
    tokens: args.tokens,
  }
  return new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: data })
})

function all<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>[]> {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<Extract<FromWorker, { type: T }>>((resolve) => {
          const on = (m: FromWorker) => {
            if (m.type !== type) return
            w.off('message', on)
            resolve(m as Extract<FromWorker, { type: T }>)
          }
          w.on('message', on)
        }),
    ),
  )
}
const send = (m: ToWorker) => workers.forEach((w) => w.postMessage(m))

await all('synced')
process.stdout.write('START\n')
const started = performance.now()
send({ type: 'start' })
await new Promise((r) => setTimeout(r, args.seconds * 1000))
const stoppedP = all('stopped')
send({ type: 'stop' })
const pushed = (await stoppedP).reduce((n, m) => n + m.pushed, 0)
const writeSeconds = (performance.now() - started) / 1000
process.stdout.write('STOP\n')
const doneP = all('done')
send({ type: 'settle', total: pushed })
const done = await doneP
const lengths = done.flatMap((d) => d.lengths)
const latencies = done.flatMap((d) => d.latencies).sort((a, b) => a - b)
const perClient = (args.mode ?? 'append') === 'replace' ? args.writers : pushed
const received = lengths.reduce((n, len) => n + Math.min(perClient, len), 0)
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN
process.stdout.write(
  JSON.stringify({
    pushed,
    writeSeconds,
    delivery: received / (perClient * args.clients),
    p50: q(0.5),
    p99: q(0.99),
    samples: latencies.length,
  }) + '\n',
)
process.exit(0)
