/**
 * `npm run bench:boards:ink`: how long ink takes to reach everyone else while a whole class
 * draws. 30 people (real y-websocket clients in a load process of their own) draw on one board of
 * the real Atrium (its own process, started as `npm start` runs it, SQLite durability on); each
 * chunk of ink is timed from the author's change to its arrival in others' documents, on
 * loopback. Side by side with the reference @y/websocket-server (in memory, no auth).
 * Options: --people N (30), --seconds N (drawing, 15), --servers atrium,y-websocket
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { atriumTokens, bundleServers, fmt, root, startServer, type Kind } from '../collab/harness.ts'
import { sampleProc, type ProcSample } from '../collab/proc-stats.ts'

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '30' },
    seconds: { type: 'string', default: '15' },
    servers: { type: 'string', default: 'atrium,y-websocket' },
  },
})
const people = Number(values.people)
const seconds = Number(values.seconds)
const kinds = values.servers!.split(',') as Kind[]
const TARGET_P95_MS = 100
const WARMUP_SECONDS = 2

interface InkResult {
  chunks: number
  drawSeconds: number
  samples: number
  delivery: number
  p50: number
  p95: number
  p99: number
  max: number
  serverCpuShare: number
  loadCpuShare: number
}

async function run(bundleDir: string, kind: Kind): Promise<InkResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'))
  const server = await startServer(bundleDir, kind, dataDir)
  try {
    const url = kind === 'atrium' ? `ws://127.0.0.1:${server.port}/collab` : `ws://127.0.0.1:${server.port}`
    const tokens = kind === 'atrium' ? await atriumTokens(server.port, people) : undefined
    const load = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/boards/ink-load.ts',
        JSON.stringify({ url, people, seconds, warmupSeconds: WARMUP_SECONDS, tokens }),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const marks: Record<'START' | 'STOP', { server: ProcSample; load: ProcSample } | undefined> = {
      START: undefined,
      STOP: undefined,
    }
    let result: Omit<InkResult, 'serverCpuShare' | 'loadCpuShare'> | undefined
    let buf = ''
    load.stdout.on('data', (d: Buffer) => {
      buf += d.toString()
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 1)
        if (line === 'START' || line === 'STOP') {
          marks[line] = { server: sampleProc(server.child.pid!), load: sampleProc(load.pid!) }
        } else if (line.startsWith('{')) result = JSON.parse(line)
      }
    })
    // Bounded: the drawing phase, the settling (15 s at most) and start-up.
    const killer = setTimeout(() => load.kill('SIGKILL'), (seconds + 90) * 1000)
    await new Promise((r) => load.once('exit', r))
    clearTimeout(killer)
    const { START: a, STOP: b } = marks
    if (!result || !a || !b) throw new Error(`${kind}: the ink load failed`)
    return {
      ...result,
      serverCpuShare: (b.server.cpuSeconds - a.server.cpuSeconds) / result.drawSeconds,
      loadCpuShare: (b.load.cpuSeconds - a.load.cpuSeconds) / result.drawSeconds,
    }
  } finally {
    server.child.kill('SIGTERM')
    await new Promise((r) => server.child.once('exit', r))
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

process.stderr.write(
  `ink latency: ${people} people drawing for ${seconds} s (first ${WARMUP_SECONDS} s not timed), ` +
    `${os.cpus().length} cores, Node ${process.version}\n`,
)
const bundleDir = await bundleServers(kinds)
const results = new Map<Kind, InkResult>()
for (const kind of kinds) {
  process.stderr.write(`  ${kind}…\n`)
  results.set(kind, await run(bundleDir, kind))
}

const rows: [string, (r: InkResult) => string, string][] = [
  ['ink chunks sent per second (all people)', (r) => fmt(r.chunks / r.drawSeconds, 0), ''],
  ['arrivals timed (every 3rd person listening)', (r) => String(r.samples), ''],
  ['delivered', (r) => `${fmt(r.delivery * 100, 2)}%`, '100%'],
  ['latency p50', (r) => `${fmt(r.p50)} ms`, ''],
  ['latency p95', (r) => `${fmt(r.p95)} ms`, `< ${TARGET_P95_MS} ms`],
  ['latency p99', (r) => `${fmt(r.p99)} ms`, ''],
  ['latency max', (r) => `${fmt(r.max)} ms`, ''],
  ['server CPU share', (r) => `${fmt(r.serverCpuShare * 100, 0)}%`, ''],
  ['load process CPU share', (r) => `${fmt(r.loadCpuShare * 100, 0)}%`, ''],
]
console.log(`\nInk reaching others while ${people} people draw (loopback, this machine)`)
console.log(`${''.padEnd(46)}${kinds.map((k) => k.padStart(14)).join('')}   target`)
for (const [what, get, target] of rows) {
  console.log(`${what.padEnd(46)}${kinds.map((k) => get(results.get(k)!).padStart(14)).join('')}   ${target}`)
}
const atrium = results.get('atrium')
if (atrium) {
  const ok = atrium.p95 < TARGET_P95_MS && atrium.delivery === 1
  console.log(`\nAtrium ink p95 ${fmt(atrium.p95)} ms, target < ${TARGET_P95_MS} ms: ${ok ? 'met' : 'NOT met'}`)
}
