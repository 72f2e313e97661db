/**
 * Waits until the machine is quiet before a run starts: the run before it (Chromium closing its
 * pages, the server closing rooms) must not take the CPU the next run's joins are timed on.
 */
import fs from 'node:fs'
import { sleep } from './measure.ts'

/** Busy and total jiffies of all CPUs since boot, from /proc/stat. */
function cpuJiffies(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = fields.reduce((a, b) => a + b, 0)
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
  return { busy: total - idle, total }
}

/**
 * Resolves once the whole machine was under `busyShare` busy for one `windowMs` window, or after
 * `limitMs`; returns how long it waited and the share of the last window.
 */
export async function quietMachine(
  busyShare = 0.15,
  windowMs = 500,
  limitMs = 20_000,
): Promise<{ waitedMs: number; busy: number }> {
  const start = Date.now()
  let busy = 1
  while (Date.now() - start < limitMs) {
    const a = cpuJiffies()
    await sleep(windowMs)
    const b = cpuJiffies()
    busy = (b.busy - a.busy) / Math.max(1, b.total - a.total)
    if (busy < busyShare) break
  }
  return { waitedMs: Date.now() - start, busy }
}
