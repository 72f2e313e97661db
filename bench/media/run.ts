/**
 * `npm run bench:media`: the embedded SFU under the loads of issue #4, side by side with the
 * named peer where there is one. Loopback only, bounded, ends by itself.
 *
 * - Fan-out (fan-out.ts): one livekit-client publisher (640x480 VP8 at 20 fps + Opus) → N
 *   subscribers, against a plain browser-to-browser mesh for the same N.
 * - Classroom (classroom.ts): teacher camera + screen share, 30 participants, 3 open and 27 muted
 *   microphones.
 * - Capacity (capacity.ts): a synthetic publisher at a high packet rate → K synthetic subscribers.
 *
 * Each run starts once the machine is quiet (under 15% busy for half a second, at most 20 s of
 * waiting; quiet-machine.ts), so one run's teardown is not timed in the next one's joins.
 *
 * Subscribers: the first `--browsers` are Chromium pages running livekit-client (they decode);
 * the rest are synthetic werift participants (network side only, see synthetic-participant.ts).
 * Options: --sizes 1,5,10,20  --seconds 15 (measured window)  --browsers 3  --peer mesh|none
 * --classroom on|off  --capacity 40 (subscriber counts, comma-separated, or none)  --capacity-pps 1000
 * --capacity-rooms 1 (the subscribers split over this many rooms, a publisher each)
 * --capacity-threads 0,2 (capacity runs again on a server started with each ATRIUM_SFU_THREADS;
 * default: only on the main server, with its default threads)
 * BENCH_DEBUG=1 prints each synthetic participant's join steps; BENCH_SERVER_NODE_FLAGS (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the server's node.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { spawnServer, freePort } from '../../test/helpers/server-process.ts'
import { launchBrowser } from '../../test/helpers/browser.ts'
import { ATRIUM_NODE_FLAGS, ATRIUM_START_ENV } from '../collab/harness.ts'
import { fmt } from '../collab/harness.ts'
import { Pacer } from './synthetic-media.ts'
import { runMesh, runSfu, type RunOptions } from './fan-out.ts'
import { runClassroom } from './classroom.ts'
import { runCapacity } from './capacity.ts'
import { TABLE_HEADER, tableRow, type Row } from './measure.ts'
import { quietMachine } from './quiet-machine.ts'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,5,10,20' },
    seconds: { type: 'string', default: '15' },
    browsers: { type: 'string', default: '3' },
    peer: { type: 'string', default: 'mesh' },
    classroom: { type: 'string', default: 'on' },
    capacity: { type: 'string', default: '40' },
    'capacity-pps': { type: 'string', default: '1000' },
    'capacity-rooms': { type: 'string', default: '1' },
    'capacity-threads': { type: 'string', default: '' },
  },
})
const sizes = values.sizes === 'none' || values.sizes === '' ? [] : values.sizes!.split(',').map(Number)
const capacity = values.capacity === 'none' ? [] : values.capacity!.split(',').map(Number)
const capacityPps = Number(values['capacity-pps'])
const capacityRooms = Number(values['capacity-rooms'])
const capacityThreads = values['capacity-threads'] ? values['capacity-threads'].split(',') : [undefined]
const options: RunOptions = {
  seconds: Number(values.seconds),
  browsers: Number(values.browsers),
  firstFrameTimeoutMs: 20_000,
  debug: Boolean(process.env.BENCH_DEBUG),
}
const withMesh = values.peer === 'mesh'
const withClassroom = values.classroom === 'on'

// The whole run is bounded: whatever hangs, the process ends.
const budgetSeconds =
  sizes.length * ((withMesh ? 2 : 1) * (options.seconds + 65)) +
  (withClassroom ? options.seconds + 110 : 0) +
  capacity.length * capacityThreads.length * (options.seconds + 80) +
  120
const deadline = setTimeout(() => {
  process.stderr.write('bench:media: over its time limit, stopping\n')
  process.exit(1)
}, budgetSeconds * 1000)

const load = () => os.loadavg()[0]!.toFixed(1)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-media-'))
const loadAtStart = load()
process.stderr.write(
  `media benchmark: sizes ${sizes.join(', ') || 'none'}, classroom ${withClassroom ? 'on' : 'off'}, capacity ${capacity.join(', ') || 'none'}, ` +
    `${options.seconds} s measured per run, ${os.cpus().length} cores, load average ${loadAtStart}, Node ${process.version}\n`,
)
const serverFlags = [...ATRIUM_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean)]
const server = await spawnServer(dataDir, await freePort(), { LOG_LEVEL: 'warn', ...ATRIUM_START_ENV }, serverFlags)
// The server is a child process: it must not outlive the run, however the run ends.
process.on('exit', () => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
// Screen capture without a picker: Chromium's fake UI picks the whole screen.
const browser = await launchBrowser([
  '--auto-select-desktop-capture-source=Entire screen',
  '--enable-usermedia-screen-capturing',
])
const pacer = new Pacer()
const rows: Row[] = []
/** Each run starts on a quiet machine (at most 20 s of waiting), as it would alone. */
const settle = async () => {
  const q = await quietMachine()
  if (options.debug) process.stderr.write(`    quiet after ${q.waitedMs} ms (${(q.busy * 100).toFixed(0)}% busy)\n`)
}
let mutedMicPps = NaN
try {
  for (const n of sizes) {
    await settle()
    process.stderr.write(`  N=${n}: embedded SFU…\n`)
    rows.push(await runSfu(server, browser, pacer, n, options))
    if (withMesh) {
      await settle()
      process.stderr.write(`  N=${n}: browser mesh…\n`)
      rows.push(await runMesh(server, browser, n, options))
    }
  }
  if (withClassroom) {
    await settle()
    process.stderr.write(`  classroom: embedded SFU…\n`)
    const row = await runClassroom(server, browser, pacer, options)
    mutedMicPps = row.mutedMicPps
    rows.push(row)
  }
  for (const threads of capacityThreads) {
    // A server of its own for each thread setting, the same flags.
    const own =
      threads === undefined
        ? server
        : await spawnServer(
            fs.mkdtempSync(path.join(dataDir, 'threads-')),
            await freePort(),
            { LOG_LEVEL: 'warn', ...ATRIUM_START_ENV, ATRIUM_SFU_THREADS: threads },
            serverFlags,
          )
    try {
      for (const k of capacity) {
        await settle()
        process.stderr.write(
          `  capacity: ${capacityRooms} × ${capacityPps} pkts/s → ${k} subscribers${threads === undefined ? '' : `, ${threads} threads`}…\n`,
        )
        rows.push(await runCapacity(own, pacer, k, capacityPps, options, capacityRooms, threads))
      }
    } finally {
      if (own !== server) await own.kill('SIGTERM')
    }
  }
} finally {
  pacer.stop()
  await browser.close()
  await server.kill('SIGTERM')
  if (process.env.BENCH_SERVER_OUT) fs.writeFileSync(process.env.BENCH_SERVER_OUT, server.output())
  fs.rmSync(dataDir, { recursive: true, force: true })
}

const lkVersion = (
  JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/livekit-client/package.json'), 'utf8'),
  ) as { version: string }
).version
const out = [
  `livekit-client ${lkVersion}; subscribers: Chromium pages for the first ${options.browsers}, synthetic werift beyond; ` +
    `join → first frame measured from connect() (SFU) or from creating the connection (mesh); ` +
    `load average ${loadAtStart} at the start, ${load()} at the end (${os.cpus().length} cores).`,
  ...(withClassroom
    ? [`classroom: a muted Chromium microphone sent ${fmt(mutedMicPps, 0)} packets/s (silence, not forwarded).`]
    : []),
  '',
  ...TABLE_HEADER,
  ...rows.map(tableRow),
]
process.stdout.write(out.join('\n') + '\n')
clearTimeout(deadline)
// A benchmark ends by itself, even if a library (werift's sockets and timers) leaves a handle open.
setTimeout(() => process.exit(), 1000).unref()
