/**
 * A learner in a headset (iwer's emulated Quest 3, `?xr-emulator=scripted`): "Enter VR" starts an
 * immersive session with both controllers tracked, everyone sees them listed as in a headset, the
 * panel floating in front of them raises their hand with the controller's trigger (the page's
 * buttons are invisible in a headset), and "Leave VR" brings them back to the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'
import { nextFrames, pressPanelButton } from '../helpers/xr-page.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  // Without the browser's own WebXR, the emulator installs itself as navigator.xr.
  browser = await launchBrowser(['--disable-blink-features=WebXR'])
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const join = (page: Page, link: string, name: string) =>
  joinThroughUi(page, link, name, { until: 'drawing', timeout: 30_000 })

const learnerRow = (page: Page) => page.getByTestId('participants').locator('li', { hasText: 'Mr. Huang' })

describe('a headset learner', () => {
  it('enters VR with both controllers, raises a hand from the in-headset panel, and leaves VR', async () => {
    const session = await createSession(server.url, { title: 'Astronomy' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, session.links.teacher, 'Ms. Li')
    await join(learner.page, `${session.links.learner}&xr-emulator=scripted`, 'Mr. Huang')

    await learner.page.getByRole('button', { name: 'Enter VR' }).click()
    await learner.page.waitForFunction(
      () => {
        const hands = window.atrium!.xr.getState().inputSourceStates.filter((s) => s.type === 'controller')
        return (
          hands
            .map((s) => s.inputSource.handedness)
            .sort()
            .join() === 'left,right'
        )
      },
      undefined,
      { timeout: 20_000 },
    )
    await expect.poll(() => learnerRow(teacher.page).getAttribute('data-via'), { timeout: 10_000 }).toBe('headset')
    expect(await learner.page.getByRole('button', { name: 'Enter VR' }).count()).toBe(0)

    await pressPanelButton(learner.page, 'hand')
    await expect
      .poll(() => learnerRow(teacher.page).getByRole('img', { name: 'Hand raised' }).count(), { timeout: 10_000 })
      .toBe(1)

    await pressPanelButton(learner.page, 'exit')
    await learner.page.waitForFunction(() => window.atrium!.xr.getState().session === undefined, undefined, {
      timeout: 10_000,
    })
    await learner.page.getByRole('button', { name: 'Enter VR' }).waitFor()
    await expect.poll(() => learnerRow(teacher.page).getAttribute('data-via'), { timeout: 10_000 }).toBe('browser')
    expect(await learner.page.evaluate(() => window.atrium!.roomShown())).toBe(true)

    // AR passthrough: the physical room stays visible; only screens and boards are placed in it.
    await learner.page.getByRole('button', { name: 'Enter AR' }).click()
    await learner.page.waitForFunction(() => window.atrium!.xr.getState().mode === 'immersive-ar', undefined, {
      timeout: 20_000,
    })
    await nextFrames(learner.page, 3)
    expect(await learner.page.evaluate(() => window.atrium!.roomShown())).toBe(false)
    await learner.page.evaluate(() => window.atrium!.xr.getState().session?.end())
    await learner.page.waitForFunction(() => window.atrium!.roomShown(), undefined, { timeout: 10_000 })
  })

  it("a teacher in a headset runs the console's quick actions from the panel", async () => {
    const session = await createSession(server.url, { title: 'Geometry' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, `${session.links.teacher}&xr-emulator=scripted`, 'Ms. Li')
    await join(learner.page, session.links.learner, 'Mr. Huang')
    await learner.page.getByRole('button', { name: 'Raise hand' }).click()
    await expect
      .poll(() => learnerRow(teacher.page).getByRole('img', { name: 'Hand raised' }).count(), { timeout: 10_000 })
      .toBe(1)

    await teacher.page.getByRole('button', { name: 'Enter VR' }).click()
    await teacher.page.waitForFunction(() => window.atrium!.xr.getState().session !== undefined, undefined, {
      timeout: 20_000,
    })
    await pressPanelButton(teacher.page, 'lowerHands')
    await expect
      .poll(() => learnerRow(teacher.page).getByRole('img', { name: 'Hand raised' }).count(), { timeout: 10_000 })
      .toBe(0)
    await expect.poll(() => learner.page.getByRole('button', { name: 'Raise hand' }).count()).toBe(1)

    await pressPanelButton(teacher.page, 'lockBoards')
    await expect.poll(() => learner.page.evaluate(() => window.atrium!.boards().locked), { timeout: 10_000 }).toBe(true)
    await pressPanelButton(teacher.page, 'lockBoards')
    await expect
      .poll(() => learner.page.evaluate(() => window.atrium!.boards().locked), { timeout: 10_000 })
      .toBe(false)
  }, 180_000)
})
