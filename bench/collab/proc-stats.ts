/** CPU time, memory and disk writes of another process, from /proc (Linux). */
import fs from 'node:fs'

const TICKS_PER_SECOND = 100

export interface ProcSample {
  cpuSeconds: number
  rssBytes: number
  writeBytes: number
}

export function sampleProc(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  let writeBytes = 0
  try {
    writeBytes = Number(/write_bytes:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0)
  } catch {
    // /proc/<pid>/io needs the same user or root; report 0 rather than fail the run.
  }
  return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssBytes: rssKb * 1024, writeBytes }
}
