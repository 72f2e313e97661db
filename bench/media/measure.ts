/**
 * What every media benchmark run measures: a window of wall time in which the server's CPU time
 * and peak memory are read from /proc, and the row it reports (join → first frame, delivered
 * against expected packets, loss, CPU, forwarded packets per fully used core, RSS).
 */
import { sampleMachine, sampleProc, sampleThreads } from '../collab/proc-stats.ts'
import { fmt } from '../collab/harness.ts'
import { dropsByOwnerFrom, type DropsByOwner } from './udp-drops.ts'

export interface Row {
  system: string
  /** What was run, e.g. `N=10` or `classroom`. */
  label: string
  browsers: number
  firstFrames: number[]
  /** The same, of the Chromium subscribers alone (real livekit-client; the synthetic ones share the benchmark's process). */
  browserFirstFrames: number[]
  missing: number
  deliveredPps: number
  expectedPps: number
  /** Packets per second the receivers counted as missing (sequence gaps). */
  lostPps: number
  /** Server CPU time per second of wall time (1 = one core fully used); undefined without a server. */
  serverCpu: number | undefined
  /** The same for the server's three busiest threads (its event loops, when busy), busiest first. */
  busiestThreads?: number[]
  rssMiB: number | undefined
  /** Server CPU seconds from the start of the joins until first frames (classroom: until publications settled). */
  joinCpuSeconds?: number
  /** Join → first frame of one more Chromium learner joining once the class is running. */
  lateJoinerMs?: number
  /**
   * Share of the machine's cores busy, everything included (server, the benchmark's synthetic
   * clients, Chromium), during the joins and during the measured window: near 1, every process
   * waits for CPU, and the join times show that as much as the server's own work.
   */
  machineBusyInJoins?: number
  machineBusy?: number
  /**
   * Datagrams per second the kernel dropped in the measured window at full receive buffers, by
   * who held the socket: tells loss the server caused (its sockets, or none dropped anywhere)
   * from loss at the benchmark's saturated clients.
   */
  udpDrops?: DropsByOwner
  /** This benchmark process's CPU (its synthetic clients; 1 = one core) in the measured window. */
  benchmarkCpu?: number
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

/** Runs `seconds` of wall time; returns the elapsed seconds, the server's CPU share and peak RSS. */
export async function measureWindow(
  pid: number,
  seconds: number,
): Promise<{
  elapsed: number
  cpu: number
  rssMiB: number
  busiestThreads: number[]
  machineBusy: number
  udpDrops: DropsByOwner
  benchmarkCpu: number
}> {
  const machine = machineBusyFrom()
  const ownCpu0 = process.cpuUsage()
  const drops = dropsByOwnerFrom(pid)
  const cpu0 = sampleProc(pid).cpuSeconds
  const threads0 = sampleThreads(pid)
  const t0 = performance.now()
  let rss = 0
  for (let i = 0; i < seconds; i++) {
    await sleep(1000)
    rss = Math.max(rss, sampleProc(pid).rssBytes)
  }
  const elapsed = (performance.now() - t0) / 1000
  const dropped = drops()
  const ownCpu = process.cpuUsage(ownCpu0)
  const busiestThreads = [...sampleThreads(pid)]
    .map(([tid, cpu]) => (cpu - (threads0.get(tid) ?? 0)) / elapsed)
    .sort((a, b) => b - a)
    .slice(0, 3)
  return {
    elapsed,
    cpu: (sampleProc(pid).cpuSeconds - cpu0) / elapsed,
    rssMiB: rss / 1024 / 1024,
    busiestThreads,
    machineBusy: machine(),
    benchmarkCpu: (ownCpu.user + ownCpu.system) / 1e6 / elapsed,
    udpDrops: {
      server: dropped.server / elapsed,
      benchmark: dropped.benchmark / elapsed,
      others: dropped.others / elapsed,
    },
  }
}

/** Starts watching the whole machine; the function returned says what share of its cores was busy since. */
export function machineBusyFrom(): () => number {
  const start = sampleMachine()
  return () => {
    const now = sampleMachine()
    return now.total > start.total ? (now.busy - start.busy) / (now.total - start.total) : NaN
  }
}

/** The server's CPU seconds so far: read before and after the joins, the difference is their cost. */
export function serverCpuSeconds(pid: number): number {
  return sampleProc(pid).cpuSeconds
}

/** Waits (bounded) until every synthetic participant has seen a video packet. */
export async function untilAll(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!done() && Date.now() < until) await sleep(50)
}

export const TABLE_HEADER = [
  '| system | run | browser subs | join→first frame p50 ms | p95 ms | Chromium subs p50 ms | late joiner ms | missing | server CPU s in joins | machine busy in joins | delivered pkts/s | expected pkts/s | loss | server CPU (1 core = 100%) | its 3 busiest threads | machine busy | benchmark CPU | fwd pkts/s per core | server RSS MiB | UDP drops/s: server · synthetic · Chromium |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
]

export function tableRow(r: Row): string {
  const loss = r.deliveredPps + r.lostPps > 0 ? r.lostPps / (r.deliveredPps + r.lostPps) : NaN
  return (
    `| ${r.system} | ${r.label} | ${r.browsers} | ${fmt(percentile(r.firstFrames, 50), 0)} | ${fmt(percentile(r.firstFrames, 95), 0)} | ` +
    `${r.browserFirstFrames.length > 0 ? fmt(percentile(r.browserFirstFrames, 50), 0) : '—'} | ${r.lateJoinerMs === undefined ? '—' : fmt(r.lateJoinerMs, 0)} | ${r.missing} | ${r.joinCpuSeconds === undefined ? '—' : fmt(r.joinCpuSeconds, 2)} | ${share(r.machineBusyInJoins)} | ${fmt(r.deliveredPps, 0)} | ${fmt(r.expectedPps, 0)} | ${fmt(loss * 100, 2)}% | ` +
    `${r.serverCpu === undefined ? '—' : `${fmt(r.serverCpu * 100, 1)}%`} | ` +
    `${r.busiestThreads ? r.busiestThreads.map((c) => `${fmt(c * 100, 0)}%`).join(', ') : '—'} | ${share(r.machineBusy)} | ${r.benchmarkCpu === undefined ? '—' : `${fmt(r.benchmarkCpu * 100, 0)}%`} | ` +
    `${r.serverCpu ? fmt(r.deliveredPps / r.serverCpu, 0) : '—'} | ${r.rssMiB === undefined ? '—' : fmt(r.rssMiB, 0)} | ` +
    `${r.udpDrops ? [r.udpDrops.server, r.udpDrops.benchmark, r.udpDrops.others].map((d) => fmt(d, 0)).join(' · ') : '—'} |`
  )
}

function share(x: number | undefined): string {
  return x === undefined ? '—' : `${fmt(x * 100, 0)}%`
}
