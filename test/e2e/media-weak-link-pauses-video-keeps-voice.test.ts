/**
 * A learner on a weak link: when a fifth of the packets sent to them are lost, the media server
 * holds back the teacher's video for that learner and keeps the voice coming; the learner's
 * status line says why. Once the link is clean again the server tries the video again by itself
 * and the moving picture comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'
import { receivedOver, watchPeerConnections } from '../helpers/peer-stats.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  server?.atrium.sfu?.setSimulatedLoss(0)
  await browser?.close()
  await server?.cleanup()
})

const status = (page: Page) => page.getByTestId('media-status').innerText()

describe('a weak link', () => {
  it('pauses the video sent to the learner, keeps the voice, says so, and brings the video back', async () => {
    const session = await createSession(server.url, { title: 'Weak links' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await watchPeerConnections(learner.page)
    await joinThroughUi(teacher.page, session.links.teacher, 'Ms. Li', { until: 'media', timeout: 45_000 })
    await joinThroughUi(learner.page, session.links.learner, 'Wang Fang', { until: 'media', timeout: 45_000 })
    await teacher.page.getByRole('button', { name: 'Camera off' }).click()
    await teacher.page.getByRole('button', { name: 'Microphone off' }).click()
    await expect
      .poll(async () => (await receivedOver(learner.page, 1000)).videoFrames, { timeout: 20_000 })
      .toBeGreaterThan(5)
    await expect.poll(() => status(learner.page)).toBe('Audio and video: connected')

    server.atrium.sfu!.setSimulatedLoss(0.2)
    const lossy = Date.now()
    await expect.poll(() => status(learner.page), { timeout: 20_000 }).toMatch(/your connection is weak/)
    const heldAfter = Date.now() - lossy
    // The video stops coming down; the voice does not.
    await expect.poll(async () => (await receivedOver(learner.page, 1000)).videoBytes, { timeout: 5_000 }).toBe(0)
    const held = await receivedOver(learner.page, 3000)
    expect(held.videoFrames).toBe(0)
    expect(held.audioBytes).toBeGreaterThan(1000)
    // Only the receiver's link is judged: the teacher, who receives no video, is told nothing.
    expect(await status(teacher.page)).toBe('Audio and video: connected')

    server.atrium.sfu!.setSimulatedLoss(0)
    const clean = Date.now()
    await expect.poll(() => status(learner.page), { timeout: 30_000 }).toBe('Audio and video: connected')
    const backAfter = Date.now() - clean
    await expect
      .poll(async () => (await receivedOver(learner.page, 1000)).videoFrames, { timeout: 10_000 })
      .toBeGreaterThan(5)

    console.log(`weak link: video held ${heldAfter} ms after the loss began, back ${backAfter} ms after it ended`)
    await teacher.context.close()
    await learner.context.close()
  })
})
