/**
 * "Who is here" shows how well each person's connection carries media: the teacher's camera
 * arrives cleanly (good connection), then a fifth of the packets are lost on the way and the
 * learner's list says the teacher's connection is weak, and good again once the loss stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'

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

const join = (page: Page, link: string, name: string) => joinThroughUi(page, link, name, { timeout: 45_000 })

describe('who is here', () => {
  it("shows each person's connection quality, and it follows the network", async () => {
    const session = await createSession(server.url, { title: 'Weak links' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, session.links.teacher, 'Ms. Li')
    await join(learner.page, session.links.learner, 'Wang Fang')
    await expect
      .poll(() => teacher.page.getByTestId('media-status').innerText(), { timeout: 20_000 })
      .toBe('Audio and video: connected')
    await teacher.page.getByRole('button', { name: 'Camera off' }).click()

    const quality = () =>
      learner.page
        .getByTestId('participants')
        .locator('li', { hasText: 'Ms. Li' })
        .getByTestId('connection-quality')
        .innerText()
        .catch(() => '')
    await expect.poll(quality, { timeout: 20_000 }).toBe('Good connection')

    server.atrium.sfu!.setSimulatedLoss(0.2)
    await expect.poll(quality, { timeout: 20_000 }).toBe('Weak connection')
    server.atrium.sfu!.setSimulatedLoss(0)
    await expect.poll(quality, { timeout: 20_000 }).toBe('Good connection')
    for (const p of [teacher, learner]) await p.context.close()
  })
})
