/**
 * The DC circuit with a teacher and a learner in real browsers: the learner closes the switch by
 * clicking it in the 3D view and the teacher sees the current flow; a late joiner sees the
 * circuit as it is; the teacher locks the lab (the learner's controls are disabled and say why)
 * and resets it (everyone is back at the package's initial state).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'

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

async function joinThroughUi(page: Page, link: string, name: string, words = { name: 'Your name', join: 'Join' }) {
  await page.goto(link)
  await page.getByLabel(words.name).fill(name)
  await page.getByRole('button', { name: words.join }).click()
  await page.waitForFunction(() => (window.atrium?.lab().frames ?? 0) > 5, undefined, { timeout: 60_000 })
}

const ammeter = (page: Page) => page.locator('[data-reading="ammeter"]').innerText()
const switchOf = (page: Page) => page.getByRole('switch', { name: 'Switch closed' })

describe('a teacher runs the DC circuit lab with a learner', () => {
  it('shares a 3D click, shows a late joiner the state, locks and resets', async () => {
    const session = await createSession(server.url, { title: 'Ohm', scene: 'dc-circuit' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await joinThroughUi(teacher.page, session.links.teacher, 'Ms. Li')
    await joinThroughUi(learner.page, session.links.learner, 'Wang Fang')
    expect(await ammeter(teacher.page)).toBe('0.000 A')

    // The learner clicks the switch lever in the 3D view.
    const point = await learner.page.evaluate(() => window.atrium!.labScreenPoint('switch', [0, 0.05, 0]))
    expect(point).toBeDefined()
    await learner.page.locator('canvas').click({ position: point! })
    await expect.poll(() => switchOf(teacher.page).isChecked(), { timeout: 10_000 }).toBe(true)
    // 6 V over 10 Ω and the 12 Ω bulb.
    await expect.poll(() => ammeter(teacher.page)).toBe('0.273 A')

    // A learner arriving now sees the closed circuit and the same current.
    const late = await browser.newPerson({ locale: 'zh-CN' })
    await joinThroughUi(late.page, session.links.learner, '陈', { name: '你的名字', join: '加入' })
    await expect.poll(() => ammeter(late.page), { timeout: 10_000 }).toBe('0.273 A')
    expect(await late.page.getByRole('switch', { name: '开关闭合' }).isChecked()).toBe(true)

    // The teacher locks the lab: the learner may watch but not change it.
    await teacher.page.getByRole('button', { name: 'Lock lab' }).click()
    await expect
      .poll(() => learner.page.getByText('The teacher has locked the lab: you can watch, but not change it.').count(), {
        timeout: 10_000,
      })
      .toBe(1)
    expect(await switchOf(learner.page).isDisabled()).toBe(true)
    expect(await learner.page.getByRole('slider', { name: /Battery voltage/ }).isDisabled()).toBe(true)
    expect(await teacher.page.getByRole('button', { name: 'Unlock lab' }).getAttribute('aria-pressed')).toBe('true')
    // Clicking the 3D switch while locked changes nothing for anyone.
    await learner.page.locator('canvas').click({ position: point! })
    // The teacher still can: the battery slider to its maximum with the keyboard.
    await teacher.page.getByRole('slider', { name: /Battery voltage/ }).focus()
    await teacher.page.keyboard.press('End')
    await expect.poll(() => ammeter(learner.page), { timeout: 10_000 }).toBe('0.545 A')
    expect(await switchOf(teacher.page).isChecked()).toBe(true)

    // Reset: back to the package's initial state (switch open, 6 V) for everyone.
    await teacher.page.getByRole('button', { name: 'Reset lab' }).click()
    for (const page of [teacher.page, learner.page, late.page]) {
      await expect.poll(() => ammeter(page), { timeout: 10_000 }).toBe('0.000 A')
    }
    expect(await switchOf(learner.page).isChecked()).toBe(false)

    // Unlocked again, the learner's controls work.
    await teacher.page.getByRole('button', { name: 'Unlock lab' }).click()
    await expect.poll(() => switchOf(learner.page).isDisabled(), { timeout: 10_000 }).toBe(false)
    await switchOf(learner.page).check()
    await expect.poll(() => ammeter(teacher.page), { timeout: 10_000 }).toBe('0.273 A')

    for (const p of [teacher, learner, late]) await p.context.close()
  })
})
