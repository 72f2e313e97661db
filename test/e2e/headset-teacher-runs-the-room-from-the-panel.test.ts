/**
 * A teacher in a headset (iwer's emulated Quest 3, `?xr-emulator=scripted`) runs the room from the
 * panel floating in front of them, with the controller ray and trigger: locks the lab (a learner's
 * lab controls become read-only), resets it only after confirming, starts and stops the lesson
 * timer (the learner sees it), stops the earliest raised hand speaking and lets them speak again
 * (the learner's microphone follows), and lowers the hands. The panel shows each state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import type { XrButton } from '../../client/xr/xr-panel-layout.ts'
import { joinThroughUi } from '../helpers/app-page.ts'
import { pressPanelButton } from '../helpers/xr-page.ts'

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

/** What the panel draws on a button now (label and whether it shows "on"), or undefined. */
const drawn = (page: Page, id: XrButton) =>
  page.evaluate((id) => window.atrium!.xrPanel()[id] as { label: string; active: boolean } | undefined, id)

const ammeter = (page: Page) => page.locator('[data-reading="ammeter"]').innerText()
const switchOf = (page: Page) => page.getByRole('switch', { name: 'Switch closed' })
const lockedNotice = 'The teacher has locked the lab: you can watch, but not change it.'
const canMic = (page: Page) => page.evaluate(() => window.atrium!.media().local.canMic)

describe('a teacher in a headset', () => {
  it('locks and resets the lab, runs the timer and gives the earliest raised hand the floor from the panel', async () => {
    const session = await createSession(server.url, { title: 'Ohm', scene: 'dc-circuit' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await joinThroughUi(teacher.page, `${session.links.teacher}&xr-emulator=scripted`, 'Ms. Li', {
      until: 'drawing',
      timeout: 60_000,
    })
    await joinThroughUi(learner.page, session.links.learner, 'Wang Fang', { until: 'media', timeout: 60_000 })
    await learner.page.waitForFunction(() => (window.atrium?.lab().frames ?? 0) > 5, undefined, { timeout: 60_000 })

    // The learner closes the switch (current flows) and raises a hand.
    await switchOf(learner.page).check()
    await expect.poll(() => ammeter(learner.page), { timeout: 10_000 }).toBe('0.273 A')
    await learner.page.getByRole('button', { name: 'Raise hand' }).click()
    expect(await canMic(learner.page)).toBe(true)

    await teacher.page.getByRole('button', { name: 'Enter VR' }).click()
    await teacher.page.waitForFunction(() => window.atrium!.xr.getState().session !== undefined, undefined, {
      timeout: 20_000,
    })
    await expect
      .poll(() => drawn(teacher.page, 'speak'), { timeout: 10_000 })
      .toEqual({
        label: 'Stop Wang Fang speaking',
        active: true,
      })

    // Lock the lab: the learner may watch but not change it; the panel says it is locked.
    expect(await drawn(teacher.page, 'lockLab')).toEqual({ label: 'Lock the lab', active: false })
    await pressPanelButton(teacher.page, 'lockLab')
    await expect.poll(() => learner.page.getByText(lockedNotice).count(), { timeout: 10_000 }).toBe(1)
    expect(await switchOf(learner.page).isDisabled()).toBe(true)
    expect(await learner.page.getByRole('slider', { name: /Battery voltage/ }).isDisabled()).toBe(true)
    await expect.poll(() => drawn(teacher.page, 'lockLab')).toEqual({ label: 'Unlock the lab', active: true })

    // Reset asks first: one press changes nothing, the confirmation resets the lab for everyone.
    expect(await drawn(teacher.page, 'confirmReset')).toBeUndefined()
    await pressPanelButton(teacher.page, 'resetLab')
    await expect.poll(() => drawn(teacher.page, 'confirmReset')).toEqual({ label: 'Yes, reset the lab', active: true })
    await new Promise((r) => setTimeout(r, 500))
    expect(await ammeter(learner.page)).toBe('0.273 A')
    await pressPanelButton(teacher.page, 'confirmReset')
    await expect.poll(() => ammeter(learner.page), { timeout: 10_000 }).toBe('0.000 A')
    expect(await switchOf(learner.page).isChecked()).toBe(false)
    expect(await drawn(teacher.page, 'confirmReset')).toBeUndefined()

    // The lesson timer: the learner sees it count down from five minutes, then it is gone.
    await pressPanelButton(teacher.page, 'timer')
    await expect
      .poll(() => learner.page.getByRole('timer', { name: 'Time left in this activity' }).innerText(), {
        timeout: 10_000,
      })
      .toMatch(/^(5:00|4:[0-5]\d)$/)
    await expect.poll(() => drawn(teacher.page, 'timer')).toEqual({ label: 'Stop the timer', active: true })
    await pressPanelButton(teacher.page, 'timer')
    await expect.poll(() => learner.page.getByTestId('lesson-timer').count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => drawn(teacher.page, 'timer')).toEqual({ label: 'Start a 5-minute timer', active: false })

    // The earliest raised hand: stopped speaking (the microphone is refused), then let speak again.
    await pressPanelButton(teacher.page, 'speak')
    await expect.poll(() => canMic(learner.page), { timeout: 10_000 }).toBe(false)
    await expect.poll(() => learner.page.getByTestId('mic').innerText()).toBe('Microphone: not allowed yet')
    await expect
      .poll(() => drawn(teacher.page, 'speak'), { timeout: 10_000 })
      .toEqual({ label: 'Let Wang Fang speak', active: false })
    await pressPanelButton(teacher.page, 'speak')
    await expect.poll(() => canMic(learner.page), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => learner.page.getByTestId('mic').isEnabled()).toBe(true)
    await learner.page.getByTestId('mic').click()
    await expect
      .poll(() => learner.page.evaluate(() => window.atrium!.media().local.mic), { timeout: 10_000 })
      .toBe(true)

    // Hands down; unlocked, the learner's controls work again.
    await pressPanelButton(teacher.page, 'lowerHands')
    await expect
      .poll(() => learner.page.getByRole('button', { name: 'Raise hand' }).count(), { timeout: 10_000 })
      .toBe(1)
    await expect.poll(() => drawn(teacher.page, 'speak')).toEqual({ label: 'No hands raised', active: false })
    await pressPanelButton(teacher.page, 'lockLab')
    await expect.poll(() => switchOf(learner.page).isDisabled(), { timeout: 10_000 }).toBe(false)

    await teacher.context.close()
    await learner.context.close()
  }, 240_000)
})
