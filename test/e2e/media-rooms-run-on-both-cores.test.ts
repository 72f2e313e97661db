/**
 * The embedded SFU spreads rooms over worker threads, so two classrooms on one machine forward
 * on two cores; and a thread that dies takes nothing with it: its classroom's browsers rejoin by
 * themselves and see video again, while the other classroom never notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { lkEvents, lkFramesGrow, teacherAndLearner } from '../helpers/livekit-page.ts'
import { ThreadedSfu } from '../../server/media/sfu/threaded-sfu.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_SFU_THREADS: '2' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

/** A classroom: a teacher's browser sending its camera and a learner's browser watching it. */
async function classroom() {
  const { session: s, teacherJoin, teacher, learner } = await teacherAndLearner(browser, server.url)
  await teacher.page.evaluate(() => (window as any).lkRoom.localParticipant.setCameraEnabled(true))
  const from = teacherJoin.participant.identity
  await lkFramesGrow(learner, from)
  return { room: `atrium-${s.id}`, teacher, learner, from }
}

describe('media threads', () => {
  it('host two classrooms on two threads, and a crashed thread’s classroom rejoins while the other carries on', async () => {
    const sfu = server.atrium.sfu
    if (!(sfu instanceof ThreadedSfu)) throw new Error('expected the threaded SFU')
    const first = await classroom()
    const second = await classroom()
    const threads = [sfu.threadOf(first.room), sfu.threadOf(second.room)]
    expect(new Set(threads).size).toBe(2)

    await sfu.crashThread(threads[0]!)
    // The crashed thread's browsers rejoin (on the thread left, or a new one) and video flows again.
    await expect
      .poll(async () => (await lkEvents(first.learner, 'reconnected')).length, { timeout: 20_000 })
      .toBeGreaterThan(0)
    await lkFramesGrow(first.learner, first.from)
    expect(sfu.threadOf(first.room)).toBeDefined()
    // The other classroom saw nothing happen.
    await lkFramesGrow(second.learner, second.from)
    expect(await lkEvents(second.learner, 'reconnecting')).toEqual([])
    expect(await lkEvents(second.teacher, 'reconnecting')).toEqual([])
    for (const p of [first.teacher, first.learner, second.teacher, second.learner]) await p.close()
  })
})
