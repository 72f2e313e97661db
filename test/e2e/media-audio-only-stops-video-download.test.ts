/**
 * "Audio only" for a learner on a poor link: ticking it in the View menu stops the video coming
 * down at all (the browser's own counters stop), while the teacher's voice keeps arriving;
 * unticking it brings the moving picture back within seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'
import { received, receivedOver, watchPeerConnections, type Received } from '../helpers/peer-stats.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const mainScreen = (page: Page) => page.evaluate(() => window.atrium!.screen('main'))

const kbps = (bytes: number, ms: number) => Math.round((bytes * 8) / ms)

describe('audio only', () => {
  it('stops the video download while the voice keeps coming, and brings the picture back when turned off', async () => {
    const session = await createSession(server.url, { title: 'Optics' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await watchPeerConnections(learner.page)
    await joinThroughUi(teacher.page, session.links.teacher, 'Ms. Li', { until: 'media', timeout: 45_000 })
    await joinThroughUi(learner.page, session.links.learner, 'Wang Fang', { until: 'media', timeout: 45_000 })

    await teacher.page.getByRole('button', { name: 'Camera off' }).click()
    await teacher.page.getByRole('button', { name: 'Microphone off' }).click()
    await expect.poll(async () => (await mainScreen(learner.page))?.width ?? 0, { timeout: 20_000 }).toBeGreaterThan(0)
    await expect.poll(async () => (await received(learner.page)).audioBytes, { timeout: 20_000 }).toBeGreaterThan(0)
    const WINDOW = 3000
    const watching = await receivedOver(learner.page, WINDOW)
    expect(watching.videoFrames).toBeGreaterThan(10)
    expect(watching.videoBytes).toBeGreaterThan(10_000)

    await learner.page.locator('.view-settings summary').click()
    const audioOnly = learner.page.getByRole('checkbox', { name: /Audio only/ })
    await audioOnly.check()
    const ticked = Date.now()
    // Within a few seconds no video byte arrives any more…
    await expect.poll(async () => (await receivedOver(learner.page, 1000)).videoBytes, { timeout: 10_000 }).toBe(0)
    const stoppedAfter = Date.now() - ticked
    // …and stays so, while the teacher's voice keeps arriving.
    const listening = await receivedOver(learner.page, WINDOW)
    expect(listening.videoBytes).toBe(0)
    expect(listening.videoFrames).toBe(0)
    expect(listening.audioBytes).toBeGreaterThan(1000)
    // The connection as a whole carries a fraction of what it did: what a weak link feels.
    expect(listening.transportBytes).toBeLessThan(watching.transportBytes / 3)
    expect(await mainScreen(learner.page)).toBeUndefined()

    await audioOnly.uncheck()
    const unticked = Date.now()
    await expect
      .poll(async () => (await receivedOver(learner.page, 1000)).videoFrames, { timeout: 10_000 })
      .toBeGreaterThan(0)
    const backAfter = Date.now() - unticked
    await expect.poll(async () => (await mainScreen(learner.page))?.width ?? 0, { timeout: 10_000 }).toBeGreaterThan(0)
    const back = (await mainScreen(learner.page))!
    await expect.poll(async () => (await mainScreen(learner.page))!.hash, { timeout: 10_000 }).not.toBe(back.hash)
    const again = await receivedOver(learner.page, WINDOW)
    expect(again.videoFrames).toBeGreaterThan(10)

    // The numbers behind the assertions, for the record (docs/media.md).
    const line = (name: string, g: Received) =>
      `  ${name.padEnd(15)} video ${kbps(g.videoBytes, WINDOW)} kbit/s (${g.videoFrames} frames), ` +
      `audio ${kbps(g.audioBytes, WINDOW)} kbit/s, all ${kbps(g.transportBytes, WINDOW)} kbit/s`
    console.log(
      [
        `audio only: no video ${stoppedAfter} ms after ticking, frames again ${backAfter} ms after unticking`,
        line('watching', watching),
        line('audio only', listening),
        line('watching again', again),
      ].join('\n'),
    )
    await teacher.context.close()
    await learner.context.close()
  })
})
