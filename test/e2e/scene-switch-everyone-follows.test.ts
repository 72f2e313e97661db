/**
 * The teacher switches the scene from the console: everyone's app loads the new scene and its lab
 * document without leaving the session, the lab is shared as before, and switching back leaves
 * the lab.
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

const join = (page: Page, link: string, name: string) => joinThroughUi(page, link, name)
const place = (page: Page) => page.evaluate(() => window.atrium!.place())

describe('switching the scene', () => {
  it('takes everyone to the new scene and its lab, and back, without leaving', async () => {
    const s = await createSession(server.url, { title: 'From lecture to lab' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, s.links.teacher, 'Ms. Li')
    await join(learner.page, s.links.learner, 'Ana')
    expect(await place(learner.page)).toMatchObject({ scene: 'lecture-hall' })
    expect(await learner.page.evaluate(() => window.atrium!.lab().active)).toBe(false)

    await teacher.page.getByRole('tab', { name: /^Teacher/ }).click()
    const picker = teacher.page.getByLabel('Scene of the lesson')
    await expect.poll(() => picker.locator('option').allInnerTexts()).toContain('Simple pendulum')
    await picker.selectOption({ label: 'Simple pendulum' })
    await teacher.page.getByRole('button', { name: 'Switch scene' }).click()

    for (const page of [teacher.page, learner.page]) {
      await expect
        .poll(() => place(page), { timeout: 20_000 })
        .toMatchObject({ scene: 'pendulum', lab: `session/${s.id}/lab/pendulum` })
      await expect.poll(() => page.evaluate(() => window.atrium!.lab().active), { timeout: 20_000 }).toBe(true)
    }
    expect(await learner.page.evaluate(() => window.atrium!.state().phase)).toBe('in-session')

    // The new lab is shared: the learner releases the pendulum, the teacher's clock runs.
    await learner.page.getByRole('button', { name: 'Release', exact: true }).click()
    await teacher.page.waitForFunction(() => (window.atrium?.lab().t ?? 0) > 0.2, undefined, { timeout: 15_000 })

    // Back to the lecture hall: no lab any more.
    await picker.selectOption({ label: 'Lecture hall' })
    await teacher.page.getByRole('button', { name: 'Switch scene' }).click()
    await expect.poll(() => place(learner.page), { timeout: 20_000 }).toMatchObject({ scene: 'lecture-hall' })
    await expect.poll(() => learner.page.evaluate(() => window.atrium!.lab().active)).toBe(false)
    await teacher.context.close()
    await learner.context.close()
  })
})
