/**
 * `npm run bench:collab:slow-client`: one client stops reading while five others send images. Atrium must
 * stop queueing for it once 8 MiB wait unread, close it after 30 s of not reading (it resyncs
 * when it returns), keep memory bounded, and keep the others' p99 within 2× of the same run
 * without it.
 */
import { bundleServers, fmt, runLoad } from './harness.ts'

const seconds = Number(process.argv[2] ?? 20)
const bundleDir = await bundleServers(['atrium'])
// Large items that replace each other: heavy traffic (1.6 MB/s to each client) on a small document,
// enough to fill the kernel's socket buffers (up to 36 MB on loopback here) within the run.
const load = { clients: 12, writers: 5, seconds, itemLength: 64 * 1024, mode: 'replace' as const }
process.stderr.write('  baseline: 12 clients, 5 writing 64 KB items at 5 Hz, none slow…\n')
const base = await runLoad(bundleDir, 'atrium', load)
process.stderr.write('  one client stops reading…\n')
const slow = await runLoad(bundleDir, 'atrium', { ...load, slowReaders: 1 })
const dropped = (slow.serverLog.match(/stopped reading; closed/g) ?? []).length
process.stdout.write(
  [
    '| run | delivery | p50 ms | p99 ms | peak RSS MiB | slow client closed |',
    '| --- | --- | --- | --- | --- | --- |',
    `| baseline | ${(base.delivery * 100).toFixed(2)}% | ${fmt(base.p50)} | ${fmt(base.p99)} | ${fmt(base.peakRssMiB)} | — |`,
    `| one client stops reading | ${(slow.delivery * 100).toFixed(2)}% | ${fmt(slow.p50)} | ${fmt(slow.p99)} | ${fmt(slow.peakRssMiB)} | ${dropped} time(s) |`,
    '',
    `p99 ratio ${fmt(slow.p99 / base.p99, 2)} (target ≤ 2); RSS growth ${fmt(slow.peakRssMiB - base.peakRssMiB)} MiB ` +
      `(budget: 8 MiB unsent per connection, then updates are held back)`,
  ].join('\n') + '\n',
)
