/**
 * `npm run bench:collab`: Atrium's collab server side by side with the reference
 * @y/websocket-server 0.1.1 and @hocuspocus/server 4.7.0, one machine, one run, loopback only.
 * Each server runs in its own process; the load runs in another (spread over worker threads).
 * Options: --seconds N (write phase, default 20), --only a,b,c, --servers atrium,hocuspocus,y-websocket,
 * --repeat N (each workload N times, servers taking turns; the table gives medians, the lowest
 * delivery and the highest peak RSS, and every run's p99; the tail at a few ms moves by a third
 * from run to run on this machine, more than the servers differ at light load).
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import {
  ATRIUM_NODE_FLAGS,
  ATRIUM_START_ENV,
  bundleServers,
  fmt,
  runLoad,
  type Kind,
  type RunResult,
} from './harness.ts'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    only: { type: 'string', default: 'a,b,c' },
    servers: { type: 'string', default: 'atrium,hocuspocus,y-websocket' },
    repeat: { type: 'string', default: '1' },
  },
})
const seconds = Number(values.seconds)
const repeat = Math.max(1, Number(values.repeat))
const kinds = values.servers!.split(',') as Kind[]
const workloads = [
  { id: 'a', label: '(a) 50 clients, all writing', clients: 50, writers: 50 },
  { id: 'b', label: '(b) 200 clients, 10 writing', clients: 200, writers: 10 },
  { id: 'c', label: '(c) 200 clients, all writing', clients: 200, writers: 200 },
].filter((w) => values.only!.split(',').includes(w.id))

process.stderr.write(
  `collab benchmark: ${seconds} s write phase per run, ${os.cpus().length} cores, Node ${process.version}, ` +
    `Atrium flags: ${ATRIUM_NODE_FLAGS.join(' ') || '(none)'}, environment: ` +
    `${
      Object.entries(ATRIUM_START_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '(none)'
    }\n`,
)
const bundleDir = await bundleServers(kinds)
const rows: string[] = []
const table: Record<string, Partial<Record<Kind, RunResult>>> = {}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
/** One row from several runs: medians, but the worst delivery and the highest peak memory. */
function summary(runs: RunResult[]): RunResult {
  const m = (f: (r: RunResult) => number) => median(runs.map(f))
  return {
    delivery: Math.min(...runs.map((r) => r.delivery)),
    p50: m((r) => r.p50),
    p99: m((r) => r.p99),
    cpuSeconds: m((r) => r.cpuSeconds),
    cpuShare: m((r) => r.cpuShare),
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    diskMiB: m((r) => r.diskMiB),
    loadCpuShare: m((r) => r.loadCpuShare),
    serverLog: runs.map((r) => r.serverLog).join(''),
  }
}
for (const w of workloads) {
  const runs: Partial<Record<Kind, RunResult[]>> = {}
  for (let i = 0; i < repeat; i++) {
    for (const kind of kinds) {
      process.stderr.write(`  ${w.label} — ${kind}${repeat > 1 ? ` (run ${i + 1} of ${repeat})` : ''}…\n`)
      const r = await runLoad(bundleDir, kind, { clients: w.clients, writers: w.writers, seconds })
      ;(runs[kind] ??= []).push(r)
    }
  }
  table[w.id] = {}
  for (const kind of kinds) {
    const all = runs[kind]!
    const r = summary(all)
    table[w.id]![kind] = r
    const each = repeat > 1 ? ` ${all.map((x) => fmt(x.p99)).join(', ')} |` : ''
    rows.push(
      `| ${w.label} | ${kind} | ${(r.delivery * 100).toFixed(2)}% | ${fmt(r.p50)} | ${fmt(r.p99)} |${each} ` +
        `${fmt(r.cpuSeconds, 2)} | ${fmt(r.cpuShare * 100, 0)}% | ${fmt(r.peakRssMiB)} | ${fmt(r.diskMiB, 2)} | ` +
        `${fmt(r.loadCpuShare * 100, 0)}% |`,
    )
  }
}
const out = [
  `| workload | server | delivery | p50 ms | p99 ms |${repeat > 1 ? ' p99 of each run |' : ''} server CPU s | server CPU share | peak RSS MiB | disk MiB written | load process CPU |`,
  `| --- | --- | --- | --- | --- |${repeat > 1 ? ' --- |' : ''} --- | --- | --- | --- | --- |`,
  ...rows,
  '',
  '| workload | Atrium ÷ peer | p99 | server CPU s | peak RSS |',
  '| --- | --- | --- | --- | --- |',
]
for (const w of workloads) {
  const a = table[w.id]!.atrium
  if (!a) continue
  for (const peer of kinds.filter((k) => k !== 'atrium')) {
    const p = table[w.id]![peer]!
    out.push(
      `| ${w.id} | ${peer} | ${fmt(a.p99 / p.p99, 2)} | ${fmt(a.cpuSeconds / p.cpuSeconds, 2)} | ${fmt(a.peakRssMiB / p.peakRssMiB, 2)} |`,
    )
  }
}
process.stdout.write(out.join('\n') + '\n')
