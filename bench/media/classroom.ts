/**
 * The classroom profile of issue #4: the teacher (livekit-client in Chromium) shares the camera
 * (640x480 at 20 fps, VP8), the screen and an open microphone; 29 learners join at once and
 * subscribe to everything. Thirty microphones in all: the teacher's and two learners' are open,
 * 27 are muted (a muted livekit-client microphone keeps sending silence, which the SFU receives
 * and does not forward). The first `browsers` learners are Chromium pages with a real muted
 * microphone; the rest are synthetic participants (synthetic-participant.ts).
 */
import type { ServerProcess } from '../../test/helpers/server-process.ts'
import type { TestBrowser } from '../../test/helpers/browser.ts'
import { createSession, joinAs } from '../../test/helpers/api.ts'
import { lkConnect, livekitPage, type LkPage } from '../../test/helpers/livekit-page.ts'
import { connectTimed, pageCounters, pageJoinSteps } from './browser-side.ts'
import { SyntheticParticipant } from './synthetic-participant.ts'
import type { Pacer } from './synthetic-media.ts'
import { Audience } from './audience.ts'
import { machineBusyFrom, measureWindow, serverCpuSeconds, sleep, type Row } from './measure.ts'
import { lateJoinerMs, type RunOptions } from './fan-out.ts'

const LEARNERS = 29
const OPEN_LEARNER_MICROPHONES = 2

export interface ClassroomRow extends Row {
  /** Packets per second the muted Chromium microphones sent (silence the SFU drops). */
  mutedMicPps: number
}

export async function runClassroom(
  server: ServerProcess,
  browser: TestBrowser,
  pacer: Pacer,
  o: RunOptions,
): Promise<ClassroomRow> {
  const s = await createSession(server.url)
  const teacher = await livekitPage(browser, server.url)
  await lkConnect(teacher, await joinAs(server.url, s.id, s.invites.teacher, 'Teacher'))
  await teacher.page.evaluate(async () => {
    const lp = (window as any).lkRoom.localParticipant
    await lp.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
    await lp.setMicrophoneEnabled(true)
    await lp.setScreenShareEnabled(true, { audio: false })
  })
  await sleep(2000)

  const browsers = Math.min(LEARNERS, o.browsers)
  const pages: LkPage[] = []
  for (let i = 0; i < browsers; i++) pages.push(await livekitPage(browser, server.url))
  const joins = await Promise.all(
    Array.from({ length: LEARNERS }, (_, i) => joinAs(server.url, s.id, s.invites.learner, `Learner ${i + 1}`)),
  )
  const synthetic: SyntheticParticipant[] = []
  for (let i = browsers; i < LEARNERS; i++) synthetic.push(await SyntheticParticipant.prepare(pacer))
  const cpu0 = serverCpuSeconds(server.child.pid!)
  const machineInJoins = machineBusyFrom()
  await Promise.all([
    ...pages.map(async (p, i) => {
      await connectTimed(p, joins[i]!)
      await p.page.evaluate(async () => {
        const lp = (window as any).lkRoom.localParticipant
        await lp.setMicrophoneEnabled(true)
        await lp.getTrackPublication('microphone').mute()
      })
    }),
    ...synthetic.map(async (x, i) => {
      await x.connect(server.url, joins[browsers + i]!.media.token)
      await x.publish({ kind: 'microphone', open: i < OPEN_LEARNER_MICROPHONES })
    }),
  ])
  const audience = new Audience(pages, synthetic)
  const { firstFrames, browserFirstFrames, missing } = await audience.firstFrames(o.firstFrameTimeoutMs)
  if (o.debug) {
    const steps = await Promise.all(pages.map((p) => pageJoinSteps(p.page)))
    process.stderr.write(
      `    browsers:${steps.map((x) => `\n      ${x}`).join('')}\n    synthetic:${synthetic.map((x) => `\n      ${x.debug()}`).join('')}\n`,
    )
  }
  // Publications settle (each learner's microphone is one more negotiation) before measuring.
  await sleep(2000)
  const joinCpuSeconds = serverCpuSeconds(server.child.pid!) - cpu0
  const machineBusyInJoins = machineInJoins()

  const openMics = () =>
    synthetic.flatMap((x) => x.sources).filter((src) => src.spec.kind === 'microphone' && src.spec.open)
  const teacher0 = await pageCounters(teacher.page)
  const learners0 = await Promise.all(pages.map((p) => pageCounters(p.page)))
  const open0 = openMics().reduce((n, src) => n + src.sent, 0)
  const got0 = await audience.counts()
  const w = await measureWindow(server.child.pid!, o.seconds)
  const teacher1 = await pageCounters(teacher.page)
  const learners1 = await Promise.all(pages.map((p) => pageCounters(p.page)))
  const open1 = openMics().reduce((n, src) => n + src.sent, 0)
  const got1 = await audience.counts()
  const late = await lateJoinerMs(browser, server, s.id, s.invites.learner, o.firstFrameTimeoutMs)

  await audience.close()
  await teacher.close()
  await sleep(1000)
  const perSecond = (n: number) => n / w.elapsed
  // Everyone gets the teacher's camera, screen and microphone; everyone but the talker an open microphone.
  const others = LEARNERS
  return {
    system: 'embedded SFU',
    label: 'classroom',
    browsers,
    firstFrames,
    browserFirstFrames,
    missing,
    deliveredPps: perSecond(got1.received - got0.received + (teacher1.received - teacher0.received)),
    expectedPps: perSecond((teacher1.sent - teacher0.sent) * LEARNERS + (open1 - open0) * others),
    lostPps: perSecond(got1.lost - got0.lost + (teacher1.lost - teacher0.lost)),
    serverCpu: w.cpu,
    busiestThreads: w.busiestThreads,
    rssMiB: w.rssMiB,
    joinCpuSeconds,
    lateJoinerMs: late,
    machineBusyInJoins,
    machineBusy: w.machineBusy,
    udpDrops: w.udpDrops,
    benchmarkCpu: w.benchmarkCpu,
    mutedMicPps:
      pages.length === 0
        ? NaN
        : perSecond(learners1.reduce((n, c, i) => n + c.sent - learners0[i]!.sent, 0)) / pages.length,
  }
}
