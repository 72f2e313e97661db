/** CPU time, memory and disk writes of another process, from /proc (Linux). */
import fs from 'node:fs'

const TICKS_PER_SECOND = 100

export interface ProcSample {
  cpuSeconds: number
  rssBytes: number
  writeBytes: number
}

/** User + system CPU seconds in a /proc `stat` line (of a process or one of its threads). */
function cpuSecondsOf(stat: string): number {
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** CPU seconds of each thread of a process, by thread id. */
export function sampleThreads(pid: number): Map<number, number> {
  const out = new Map<number, number>()
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(Number(tid), cpuSecondsOf(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')))
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out
}

/** The whole machine's CPU time so far (every core, every process), busy and in all, from /proc/stat. */
export function sampleMachine(): { busy: number; total: number } {
  // cpu  user nice system idle iowait irq softirq steal …
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number)
  const total = fields.reduce((a, b) => a + b, 0)
  return { busy: total - fields[3]! - fields[4]!, total }
}

export function sampleProc(pid: number): ProcSample {
  const cpuSeconds = cpuSecondsOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  let writeBytes = 0
  try {
    writeBytes = Number(/write_bytes:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0)
  } catch {
    // /proc/<pid>/io needs the same user or root; report 0 rather than fail the run.
  }
  return { cpuSeconds, rssBytes: rssKb * 1024, writeBytes }
}
