import { pino, type Logger } from 'pino'

const levelNames: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
}
const skip = new Set(['level', 'time', 'msg', 'pid', 'hostname'])

/** A one-line human format for terminals; machines (no TTY) get pino's JSON lines. */
const prettyStream = {
  write(line: string): void {
    try {
      const o = JSON.parse(line) as Record<string, unknown>
      const time = new Date(o.time as number).toTimeString().slice(0, 8)
      const level = (levelNames[o.level as number] ?? String(o.level)).padEnd(5)
      const extra = Object.entries(o)
        .filter(([k]) => !skip.has(k))
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ')
      process.stdout.write(`${time} ${level} ${String(o.msg ?? '')}${extra ? `  ${extra}` : ''}\n`)
    } catch {
      process.stdout.write(line)
    }
  },
}

export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['req.headers.authorization', 'token', '*.token', 'invite', '*.invite', 'adminToken'],
        censor: '[redacted]',
      },
    },
    pretty ? prettyStream : process.stdout,
  )
}
