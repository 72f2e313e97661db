/**
 * One publisher (livekit-client in Chromium: fake camera 640x480 at 20 fps in VP8 plus the fake
 * microphone in Opus) → N subscribers who all join at once, through the embedded SFU; and the
 * named peer, a plain browser-to-browser mesh for the same N (the publisher encodes and sends
 * once per receiver). The first `browsers` subscribers are Chromium pages, the rest synthetic.
 */
import type { ServerProcess } from '../../test/helpers/server-process.ts'
import type { TestBrowser } from '../../test/helpers/browser.ts'
import { createSession, joinAs } from '../../test/helpers/api.ts'
import { lkConnect, livekitPage, type LkPage } from '../../test/helpers/livekit-page.ts'
import {
  connectTimed,
  meshAccept,
  meshAnswer,
  meshFirstFrameAt,
  meshOffer,
  meshPublisher,
  firstFrameMs,
  pageCounters,
  pageJoinSteps,
} from './browser-side.ts'
import { SyntheticParticipant } from './synthetic-participant.ts'
import type { Pacer } from './synthetic-media.ts'
import { Audience } from './audience.ts'
import { machineBusyFrom, measureWindow, serverCpuSeconds, sleep, type Row } from './measure.ts'

export interface RunOptions {
  seconds: number
  browsers: number
  firstFrameTimeoutMs: number
  debug: boolean
}

/**
 * One more Chromium learner joins the running class (everyone else connected, media flowing):
 * join → first frame as a latecomer sees it, without a join storm on the same two cores.
 */
export async function lateJoinerMs(
  browser: TestBrowser,
  server: ServerProcess,
  sessionId: string,
  invite: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const join = await joinAs(server.url, sessionId, invite, 'Latecomer')
  const p = await livekitPage(browser, server.url)
  try {
    await connectTimed(p, join)
    const ms = await firstFrameMs(p.page, timeoutMs)
    if (process.env.BENCH_DEBUG) process.stderr.write(`    latecomer: ${await pageJoinSteps(p.page)}\n`)
    return ms
  } finally {
    await p.close()
  }
}

export async function runSfu(
  server: ServerProcess,
  browser: TestBrowser,
  pacer: Pacer,
  n: number,
  o: RunOptions,
): Promise<Row> {
  const s = await createSession(server.url)
  const pub = await livekitPage(browser, server.url)
  await lkConnect(pub, await joinAs(server.url, s.id, s.invites.teacher, 'Teacher'))
  await pub.page.evaluate(async () => {
    const lp = (window as any).lkRoom.localParticipant
    await lp.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
    await lp.setMicrophoneEnabled(true)
  })
  await sleep(2000)

  const browsers = Math.min(n, o.browsers)
  const pages: LkPage[] = []
  for (let i = 0; i < browsers; i++) pages.push(await livekitPage(browser, server.url))
  const joins = await Promise.all(
    Array.from({ length: n }, (_, i) => joinAs(server.url, s.id, s.invites.learner, `Learner ${i + 1}`)),
  )
  const synthetic: SyntheticParticipant[] = []
  for (let i = browsers; i < n; i++) synthetic.push(await SyntheticParticipant.prepare(pacer))
  // Everyone joins at once, as a class does when the lesson starts.
  const cpu0 = serverCpuSeconds(server.child.pid!)
  const machineInJoins = machineBusyFrom()
  await Promise.all([
    ...pages.map((p, i) => connectTimed(p, joins[i]!)),
    ...synthetic.map((x, i) => x.connect(server.url, joins[browsers + i]!.media.token)),
  ])
  const audience = new Audience(pages, synthetic)
  const { firstFrames, browserFirstFrames, missing } = await audience.firstFrames(o.firstFrameTimeoutMs)
  const joinCpuSeconds = serverCpuSeconds(server.child.pid!) - cpu0
  const machineBusyInJoins = machineInJoins()
  if (o.debug) {
    process.stderr.write(
      `    ${firstFrames.length}/${n} saw video; the publisher got ${(await pageCounters(pub.page)).plis} keyframe requests; first frames ${firstFrames.map(Math.round).join(', ')} ms; browsers:${(await Promise.all(pages.map((p) => pageJoinSteps(p.page)))).map((x) => `\n      ${x}`).join('')}\n    synthetic:${synthetic.map((x) => `\n      ${x.debug()}`).join('')}\n`,
    )
  }

  const pub0 = await pageCounters(pub.page)
  const got0 = await audience.counts()
  const w = await measureWindow(server.child.pid!, o.seconds)
  const pub1 = await pageCounters(pub.page)
  const got1 = await audience.counts()
  const late = await lateJoinerMs(browser, server, s.id, s.invites.learner, o.firstFrameTimeoutMs)

  await audience.close()
  await pub.close()
  await sleep(1000)
  return {
    system: 'embedded SFU',
    label: `N=${n}`,
    browsers,
    firstFrames,
    browserFirstFrames,
    missing,
    deliveredPps: (got1.received - got0.received) / w.elapsed,
    expectedPps: ((pub1.sent - pub0.sent) / w.elapsed) * n,
    lostPps: (got1.lost - got0.lost) / w.elapsed,
    serverCpu: w.cpu,
    busiestThreads: w.busiestThreads,
    rssMiB: w.rssMiB,
    joinCpuSeconds,
    lateJoinerMs: late,
    machineBusyInJoins,
    machineBusy: w.machineBusy,
    udpDrops: w.udpDrops,
    benchmarkCpu: w.benchmarkCpu,
  }
}

export async function runMesh(server: ServerProcess, browser: TestBrowser, n: number, o: RunOptions): Promise<Row> {
  const publisher = await browser.newPerson()
  await publisher.page.goto(`${server.url}/healthz`)
  await meshPublisher(publisher.page)
  const receiverCount = Math.min(n, o.browsers)
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
    const end = Date.now() + o.firstFrameTimeoutMs
    let at: number | undefined
    while ((at = await meshFirstFrameAt(l.page, l.index)) === undefined && Date.now() < end) await sleep(50)
    if (at === undefined) missing++
    else firstFrames.push(at - l.startedAt)
  }

  const pub0 = await pageCounters(publisher.page)
  const rec0 = await Promise.all(receivers.map((r) => pageCounters(r.page)))
  const t0 = performance.now()
  await sleep(o.seconds * 1000)
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
    label: `N=${n}`,
    browsers: receiverCount,
    firstFrames,
    browserFirstFrames: firstFrames,
    missing,
    deliveredPps: received / elapsed,
    expectedPps: (pub1.sent - pub0.sent) / elapsed,
    lostPps: lost / elapsed,
    serverCpu: undefined,
    rssMiB: undefined,
  }
}
