/**
 * The teacher's console in real browsers: the waiting room, a raised hand lowered, chat, a poll
 * answered and revealed, the lesson timer (paused and resumed), the report in the console, a microphone muted and speaking revoked (a third
 * learner in a livekit-client page), the lesson ended for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, waitSynced } from '../helpers/collab-client.ts'
import { lkConnect, livekitPage } from '../helpers/livekit-page.ts'

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

async function fillJoin(page: Page, link: string, name: string) {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
}
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click()

describe("the teacher's console", () => {
  it('runs a lesson: waiting room, hands, chat, a poll, the timer, audio moderation, the end', async () => {
    const s = await createSession(server.url, { title: 'Console lesson' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await fillJoin(teacher.page, s.links.teacher, 'Ms. Li')
    await teacher.page.waitForFunction(() => window.atrium?.state().phase === 'in-session')
    await tab(teacher.page, 'Teacher')
    await teacher.page.getByLabel('Waiting room').check()

    // The learner waits until the teacher lets them in.
    await fillJoin(learner.page, s.links.learner, 'Wang Fang')
    await expect.poll(() => learner.page.getByTestId('lobby-wait').innerText()).toContain('Wang Fang')
    const lobby = teacher.page.getByTestId('lobby')
    await expect.poll(() => lobby.innerText()).toContain('Wang Fang')
    await lobby.getByRole('button', { name: 'Let in' }).click()
    await learner.page.waitForFunction(() => window.atrium?.state().phase === 'in-session', undefined, {
      timeout: 30_000,
    })

    // A raised hand shows in the console, in order; lowering it resets the learner's button.
    await learner.page.getByRole('button', { name: 'Raise hand' }).click()
    await expect.poll(() => teacher.page.getByTestId('hands').innerText()).toContain('Wang Fang')
    await teacher.page.getByTestId('hands').getByRole('button', { name: 'Lower' }).click()
    await expect
      .poll(() => learner.page.getByRole('button', { name: 'Raise hand' }).getAttribute('aria-pressed'))
      .toBe('false')

    // Chat.
    await tab(learner.page, 'Chat')
    await learner.page.getByLabel('Message').fill('Is the image real?')
    await learner.page.getByRole('button', { name: 'Send' }).click()
    await tab(teacher.page, 'Chat')
    await expect.poll(() => teacher.page.getByTestId('chat').innerText()).toContain('Is the image real?')

    // A poll: the teacher asks, the learner answers, the teacher reveals.
    await tab(teacher.page, 'Polls')
    await teacher.page.getByLabel('Question').fill('Which lens makes a real image?')
    await teacher.page.getByLabel('Option 1').fill('Convex')
    await teacher.page.getByLabel('Option 2').fill('Concave')
    await teacher.page.getByRole('checkbox', { name: 'correct' }).first().check()
    await teacher.page.getByRole('button', { name: 'Start the poll' }).click()
    await tab(learner.page, 'Polls')
    await learner.page.getByRole('radio', { name: 'Convex' }).check()
    await learner.page.getByRole('button', { name: 'Send my answer' }).click()
    await expect.poll(() => learner.page.getByText('Thank you, your answer is in.').count()).toBe(1)
    await expect.poll(() => teacher.page.locator('.poll').innerText()).toContain('1 answers')
    await teacher.page.getByRole('button', { name: 'Show the results' }).click()
    await expect.poll(() => learner.page.locator('.poll').innerText()).toMatch(/Convex ✓ correct/)

    // The lesson timer: everyone sees it count down, and hears when it is over.
    await tab(teacher.page, 'Teacher')
    await teacher.page.getByLabel('Minutes').fill('0.1')
    await teacher.page.getByRole('button', { name: 'Start the timer' }).click()
    await expect
      .poll(() => learner.page.getByRole('timer', { name: 'Time left in this activity' }).innerText())
      .toMatch(/^0:0[1-6]$/)
    // Paused, it stands still for everyone; resumed, it runs on from there.
    const pause = teacher.page.getByRole('button', { name: 'Pause the timer' })
    await pause.click()
    await expect.poll(() => learner.page.getByTestId('lesson-timer').innerText()).toMatch(/\(paused\)/)
    const held = await learner.page.getByRole('timer').innerText()
    await new Promise((r) => setTimeout(r, 1500))
    expect(await learner.page.getByRole('timer').innerText()).toBe(held)
    await pause.click()
    await expect.poll(() => learner.page.getByTestId('lesson-timer').innerText()).not.toMatch(/paused/)
    expect(await learner.page.getByTestId('timer-announcement').innerText()).toBe('')
    await expect
      .poll(() => learner.page.getByTestId('timer-announcement').innerText(), { timeout: 12_000 })
      .toBe('Time is up.')
    expect(await learner.page.getByRole('timer').innerText()).toBe('0:00')
    await teacher.page.getByRole('button', { name: 'Stop the timer' }).click()
    await expect.poll(() => learner.page.getByTestId('lesson-timer').count()).toBe(0)

    // The report in the console: Wang Fang's raised hand, chat message and correct answer so far.
    const report = teacher.page.getByTestId('report')
    await report.getByRole('button', { name: 'Show the report' }).click()
    const wangRow = teacher.page
      .getByRole('table', { name: 'Attendance and participation' })
      .getByRole('row')
      .filter({ hasText: 'Wang Fang' })
    const cells = async () => {
      await report.getByRole('button', { name: /^(Show|Refresh) the report$/ }).click()
      await expect.poll(() => report.getAttribute('aria-busy')).toBe('false')
      return wangRow.getByRole('cell').allInnerTexts()
    }
    await expect
      .poll(cells)
      .toEqual(['Remote, Browser', expect.stringMatching(/^\d+\.\d$/), '1', '0.0', '1', '1 (1 correct)', '0', '0'])
    expect(await report.locator('.report-polls').innerText()).toMatch(/Convex: 1\n/)

    // Audio: Bo talks from a livekit-client page and is present in the session.
    const patched = teacher.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok())
    await teacher.page.getByLabel('Waiting room').uncheck()
    await patched
    const bo = await joinAs(server.url, s.id, s.invites.learner, 'Bo')
    const boControl = connectDoc(bo)
    boControl.awareness.setLocalState({ user: bo.participant, place: 'remote', device: 'browser' })
    await waitSynced(boControl)
    const boMedia = await livekitPage(browser, server.url)
    await lkConnect(boMedia, bo)
    await boMedia.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))
    const boMic = () =>
      boMedia.page.evaluate(
        () => (window as any).lkRoom.localParticipant.getTrackPublication('microphone')?.isMuted ?? 'unpublished',
      )
    expect(await boMic()).toBe(false)
    await teacher.page.getByRole('button', { name: "Mute Bo's microphone" }).click()
    await expect.poll(boMic).toBe(true)
    await boMedia.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))
    await expect.poll(boMic).toBe(false)
    await teacher.page.getByRole('button', { name: 'Mute all learners' }).click()
    await expect.poll(boMic).toBe(true)
    const maySpeak = teacher.page.getByRole('button', { name: 'Bo may speak' })
    expect(await maySpeak.getAttribute('aria-pressed')).toBe('true')
    await maySpeak.click()
    await expect.poll(boMic).toBe('unpublished')
    await expect.poll(() => maySpeak.getAttribute('aria-pressed')).toBe('false')
    // Bo's audio page closes while he is still present: the console says he has no audio connection.
    await boMedia.close()
    await expect
      .poll(async () => await server.atrium.sfu!.participant(`atrium-${s.id}`, bo.participant.identity), {
        timeout: 15_000,
      })
      .toBeUndefined()
    await teacher.page.getByRole('button', { name: "Mute Bo's microphone" }).click()
    await expect
      .poll(() => teacher.page.getByRole('alert').innerText(), { timeout: 10_000 })
      .toBe('This person is not connected to audio right now.')
    boControl.destroy()

    // The end.
    await teacher.page.getByRole('button', { name: 'End the lesson for everyone' }).click()
    await teacher.page.getByRole('button', { name: 'Yes, end it' }).click()
    await expect
      .poll(() => learner.page.getByRole('status').first().innerText(), { timeout: 15_000 })
      .toMatch(/Disconnected: This lesson no longer exists/)
    await teacher.context.close()
    await learner.context.close()
  }, 240_000)
})
