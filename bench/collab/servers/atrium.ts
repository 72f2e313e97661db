/** Atrium for the collab benchmark: auth and SQLite durability on, as in production. */
import { loadConfig } from '../../../server/config.ts'
import { createLogger } from '../../../server/log.ts'
import { startAtrium } from '../../../server/atrium.ts'

const config = loadConfig({ ...process.env, ATRIUM_DEMO: 'off', LOG_LEVEL: 'warn', ATRIUM_JOIN_RATE_LIMIT: '100000' })
const atrium = await startAtrium(config, createLogger('warn', false))
process.stdout.write(`READY ${atrium.port}\n`)
process.on('SIGTERM', () => void atrium.close().then(() => process.exit(0)))
if (process.env.BENCH_MEMORY_TRACE) {
  setInterval(() => {
    const m = process.memoryUsage()
    const mib = (n: number) => (n / 2 ** 20).toFixed(1)
    process.stderr.write(
      `mem rss=${mib(m.rss)} heapTotal=${mib(m.heapTotal)} heapUsed=${mib(m.heapUsed)} external=${mib(m.external)} arrayBuffers=${mib(m.arrayBuffers)}\n`,
    )
  }, 2000).unref()
}
if (process.env.BENCH_MEMORY_TRACE) {
  const { monitorEventLoopDelay } = await import('node:perf_hooks')
  const h = monitorEventLoopDelay({ resolution: 1 })
  h.enable()
  setInterval(() => {
    process.stderr.write(
      `loop p50=${(h.percentile(50) / 1e6).toFixed(1)} p99=${(h.percentile(99) / 1e6).toFixed(1)} max=${(h.max / 1e6).toFixed(1)} ms\n`,
    )
    h.reset()
  }, 5000).unref()
}
