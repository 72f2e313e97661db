/**
 * `npm run bench:media`: one publisher (640x480 VP8 at 20 fps + Opus, headless Chromium with fake
 * devices, livekit-client) → N subscribers through the embedded SFU, side by side with the named
 * peer: a plain browser-to-browser mesh for the same N (the publisher encodes and sends once per
 * receiver). Loopback only, bounded, ends by itself.
 *
 * Subscribers: the first `--browsers` are Chromium pages running livekit-client (they decode);
 * the rest are synthetic werift subscribers (network side only, see synthetic-subscriber.ts).
 * Options: --sizes 1,5,10  --seconds 15 (measured window)  --browsers 3  --peer mesh|none
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { spawnServer, freePort, type ServerProcess } from '../../test/helpers/server-process.ts'
import { launchBrowser, type TestBrowser } from '../../test/helpers/browser.ts'
import { createSession, joinAs } from '../../test/helpers/api.ts'
import { lkConnect, livekitPage, type LkPage } from '../../test/helpers/livekit-page.ts'
import { sampleProc } from '../collab/proc-stats.ts'
import { fmt } from '../collab/harness.ts'
import { SyntheticSubscriber } from './synthetic-subscriber.ts'
import {
  firstFrameMs,
  meshAccept,
  meshAnswer,
  meshFirstFrameAt,
  meshOffer,
  meshPublisher,
  pageCounters,
  startFirstFrameClock,
} from './browser-side.ts'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,5,10' },
    seconds: { type: 'string', default: '15' },
    browsers: { type: 'string', default: '3' },
    peer: { type: 'string', default: 'mesh' },
  },
})
const sizes = values.sizes!.split(',').map(Number)
const seconds = Number(values.seconds)
const maxBrowsers = Number(values.browsers)
const FIRST_FRAME_TIMEOUT_MS = 20_000

// The whole run is bounded: whatever hangs, the process ends.
const deadline = setTimeout(
  () => {
    process.stderr.write('bench:media: over its time limit, stopping\n')
    process.exit(1)
  },
  (sizes.length * (seconds * 2 + 90) + 120) * 1000,
)

interface Row {
  system: string
  n: number
  browsers: number
  firstFrames: number[]
  missing: number
  deliveredPps: number
  expectedPps: number
  loss: number
  serverCpu: number | undefined
  rssMiB: number | undefined
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function runSfu(server: ServerProcess, browser: TestBrowser, n: number): Promise<Row> {
  const s = await createSession(server.url)
  const pub = await livekitPage(browser, server.url)
  await lkConnect(pub, await joinAs(server.url, s.id, s.invites.teacher, 'Teacher'))
  await pub.page.evaluate(async () => {
    const lp = (window as any).lkRoom.localParticipant
    await lp.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
    await lp.setMicrophoneEnabled(true)
  })
  await sleep(2000)

  const browsers = Math.min(n, maxBrowsers)
  const pages: LkPage[] = []
  for (let i = 0; i < browsers; i++) pages.push(await livekitPage(browser, server.url))
  const joins = await Promise.all(
    Array.from({ length: n }, (_, i) => joinAs(server.url, s.id, s.invites.learner, `Learner ${i + 1}`)),
  )
  // Everyone joins at once, as a class does when the lesson starts.
  const synthetic: SyntheticSubscriber[] = []
  await Promise.all([
    ...pages.map(async (p, i) => {
      await startFirstFrameClock(p)
      await lkConnect(p, joins[i]!)
    }),
    ...joins
      .slice(browsers)
      .map(async (j) => synthetic.push(await SyntheticSubscriber.join(server.url, j.media.token))),
  ])
  const firstFrames: number[] = []
  let missing = 0
  for (const p of pages) {
    const ms = await firstFrameMs(p.page, FIRST_FRAME_TIMEOUT_MS)
    if (ms === undefined) missing++
    else firstFrames.push(ms)
  }
  const until = Date.now() + FIRST_FRAME_TIMEOUT_MS
  while (synthetic.some((x) => x.firstVideoAt === undefined) && Date.now() < until) await sleep(50)
  if (process.env.BENCH_DEBUG) {
    process.stderr.write(
      `    browsers: ${firstFrames.length}/${pages.length} framed; synthetic: ${synthetic.map((x) => `${x.packets}${x.firstVideoAt ? 'v' : '-'} ${x.debug()}`).join(' ')}\n`,
    )
  }
  for (const x of synthetic) {
    if (x.firstVideoAt === undefined) missing++
    else firstFrames.push(x.firstVideoAt - x.startedAt)
  }

  // The measured window.
  const pid = server.child.pid!
  const cpu0 = sampleProc(pid).cpuSeconds
  const pub0 = await pageCounters(pub.page)
  const sub0 = await Promise.all(pages.map((p) => pageCounters(p.page)))
  const syn0 = synthetic.map((x) => ({ packets: x.packets, lost: x.lost }))
  const t0 = performance.now()
  let rss = 0
  for (let i = 0; i < seconds; i++) {
    await sleep(1000)
    rss = Math.max(rss, sampleProc(pid).rssBytes)
  }
  const elapsed = (performance.now() - t0) / 1000
  const cpu = (sampleProc(pid).cpuSeconds - cpu0) / elapsed
  const pub1 = await pageCounters(pub.page)
  const sub1 = await Promise.all(pages.map((p) => pageCounters(p.page)))
  let received = 0
  let lost = 0
  sub1.forEach((c, i) => {
    received += c.received - sub0[i]!.received
    lost += c.lost - sub0[i]!.lost
  })
  synthetic.forEach((x, i) => {
    received += x.packets - syn0[i]!.packets
    lost += x.lost - syn0[i]!.lost
  })

  for (const p of pages) await p.close()
  await pub.close()
  await Promise.all(synthetic.map((x) => x.close()))
  await sleep(1000)
  return {
    system: 'embedded SFU',
    n,
    browsers,
    firstFrames,
    missing,
    deliveredPps: received / elapsed,
    expectedPps: ((pub1.sent - pub0.sent) / elapsed) * n,
    loss: received + lost > 0 ? lost / (received + lost) : NaN,
    serverCpu: cpu,
    rssMiB: rss / 1024 / 1024,
  }
}

async function runMesh(server: ServerProcess, browser: TestBrowser, n: number): Promise<Row> {
  const publisher = await browser.newPerson()
  await publisher.page.goto(`${server.url}/healthz`)
  await meshPublisher(publisher.page)
  const receiverCount = Math.min(n, maxBrowsers)
  const receivers = await Promise.all(Array.from({ length: receiverCount }, () => browser.newPerson()))
  for (const r of receivers) await r.page.goto(`${server.url}/healthz`)
  await sleep(2000)

  const links = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const r = receivers[i % receiverCount]!
      const offer = await meshOffer(publisher.page)
      const answer = await meshAnswer(r.page, offer.sdp)
      await meshAccept(publisher.page, offer.index, answer.sdp)
      return { page: r.page, index: answer.index, startedAt: offer.at }
    }),
  )
  const firstFrames: number[] = []
  let missing = 0
  for (const l of links) {
    const end = Date.now() + FIRST_FRAME_TIMEOUT_MS
    let at: number | undefined
    while ((at = await meshFirstFrameAt(l.page, l.index)) === undefined && Date.now() < end) await sleep(50)
    if (at === undefined) missing++
    else firstFrames.push(at - l.startedAt)
  }

  const pub0 = await pageCounters(publisher.page)
  const rec0 = await Promise.all(receivers.map((r) => pageCounters(r.page)))
  const t0 = performance.now()
  await sleep(seconds * 1000)
  const elapsed = (performance.now() - t0) / 1000
  const pub1 = await pageCounters(publisher.page)
  const rec1 = await Promise.all(receivers.map((r) => pageCounters(r.page)))
  let received = 0
  let lost = 0
  rec1.forEach((c, i) => {
    received += c.received - rec0[i]!.received
    lost += c.lost - rec0[i]!.lost
  })
  for (const r of receivers) await r.context.close()
  await publisher.context.close()
  await sleep(1000)
  return {
    system: 'browser mesh (peer)',
    n,
    browsers: receiverCount,
    firstFrames,
    missing,
    deliveredPps: received / elapsed,
    expectedPps: (pub1.sent - pub0.sent) / elapsed,
    loss: received + lost > 0 ? lost / (received + lost) : NaN,
    serverCpu: undefined,
    rssMiB: undefined,
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-media-'))
process.stderr.write(
  `media benchmark: sizes ${sizes.join(', ')}, ${seconds} s measured per run, ${os.cpus().length} cores, ` +
    `load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}\n`,
)
const server = await spawnServer(dataDir, await freePort(), { LOG_LEVEL: 'warn' })
// The server is a child process: it must not outlive the run, however the run ends.
process.on('exit', () => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
const browser = await launchBrowser()
const rows: Row[] = []
try {
  for (const n of sizes) {
    process.stderr.write(`  N=${n}: embedded SFU…\n`)
    rows.push(await runSfu(server, browser, n))
    if (values.peer === 'mesh') {
      process.stderr.write(`  N=${n}: browser mesh…\n`)
      rows.push(await runMesh(server, browser, n))
    }
  }
} finally {
  await browser.close()
  await server.kill('SIGTERM')
  fs.rmSync(dataDir, { recursive: true, force: true })
}

const lkVersion = (
  JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/livekit-client/package.json'), 'utf8'),
  ) as { version: string }
).version
const out = [
  `livekit-client ${lkVersion}; subscribers: Chromium pages for the first ${maxBrowsers}, synthetic werift beyond; ` +
    `join → first frame measured from connect() (SFU) or from creating the connection (mesh).`,
  '',
  '| system | N | browser subs | join→first frame p50 ms | p95 ms | missing | delivered pkts/s | expected pkts/s | loss | server CPU (1 core = 100%) | fwd pkts/s per core | server RSS MiB |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.system} | ${r.n} | ${r.browsers} | ${fmt(percentile(r.firstFrames, 50), 0)} | ${fmt(percentile(r.firstFrames, 95), 0)} | ` +
      `${r.missing} | ${fmt(r.deliveredPps, 0)} | ${fmt(r.expectedPps, 0)} | ${fmt(r.loss * 100, 2)}% | ` +
      `${r.serverCpu === undefined ? '—' : `${fmt(r.serverCpu * 100, 1)}%`} | ` +
      `${r.serverCpu ? fmt(r.deliveredPps / r.serverCpu, 0) : '—'} | ${r.rssMiB === undefined ? '—' : fmt(r.rssMiB, 0)} |`,
  ),
]
process.stdout.write(out.join('\n') + '\n')
clearTimeout(deadline)
