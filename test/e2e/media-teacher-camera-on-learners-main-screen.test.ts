/**
 * Live media in the classroom app itself (not a bare livekit-client page): both people connect to
 * audio and video on joining and the header says so; the teacher turns the camera on from the
 * toolbar and a learner sees it on the lecture hall's main screen, a moving picture, not black.
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
  await browser?.close()
  await server?.cleanup()
})

const join = (page: Page, link: string, name: string) => joinThroughUi(page, link, name, { timeout: 45_000 })

const mainScreen = (page: Page) => page.evaluate(() => window.atrium!.screen('main'))

describe('the teacher on the main screen', () => {
  it("shows the teacher's camera on a learner's main screen once the teacher turns it on", async () => {
    const session = await createSession(server.url, { title: 'Optics' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, session.links.teacher, 'Ms. Li')
    await join(learner.page, session.links.learner, 'Wang Fang')

    for (const { page } of [teacher, learner]) {
      await expect
        .poll(() => page.getByTestId('media-status').innerText(), { timeout: 20_000 })
        .toBe('Audio and video: connected')
    }
    // Nothing on the screen yet: the teacher's camera is off.
    expect(await mainScreen(learner.page)).toBeUndefined()

    const camera = teacher.page.getByRole('button', { name: 'Camera off' })
    await camera.click()
    await expect
      .poll(() => teacher.page.getByRole('button', { name: 'Camera on' }).getAttribute('aria-pressed'))
      .toBe('true')

    await expect.poll(async () => (await mainScreen(learner.page))?.width ?? 0, { timeout: 20_000 }).toBeGreaterThan(0)
    const first = (await mainScreen(learner.page))!
    expect(first.source).toBe('camera')
    expect(first.textureUsesVideo).toBe(true)
    expect(first.mean).toBeGreaterThan(20)
    // Chromium's fake camera animates: the picture changes over time.
    await expect.poll(async () => (await mainScreen(learner.page))!.hash, { timeout: 10_000 }).not.toBe(first.hash)

    // "Audio only" in the View menu: no video is shown (or asked for) any more; off again, it returns.
    await learner.page.locator('.view-settings summary').click()
    await learner.page.getByRole('checkbox', { name: /Audio only/ }).check()
    await expect.poll(() => mainScreen(learner.page), { timeout: 10_000 }).toBeUndefined()
    expect((await learner.page.evaluate(() => window.atrium!.media())).remotes[0]).toMatchObject({ camera: false })
    await learner.page.getByRole('checkbox', { name: /Audio only/ }).uncheck()
    await expect.poll(async () => (await mainScreen(learner.page))?.width ?? 0, { timeout: 20_000 }).toBeGreaterThan(0)

    // Camera off again: the learner's main screen goes back to dark.
    await teacher.page.getByRole('button', { name: 'Camera on' }).click()
    await expect.poll(() => mainScreen(learner.page), { timeout: 15_000 }).toBeUndefined()

    await teacher.context.close()
    await learner.context.close()
  })
})
