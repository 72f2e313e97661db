/**
 * When audio and video are cut off (here the media thread hosting the lesson's room ends, as a
 * crash would end it; a signal socket that merely drops is resumed without interrupting anything,
 * see media-resumes-without-rejoining-after-the-signal-socket-drops.test.ts), the header tells the
 * learner in words that audio and video are reconnecting and that boards, chat and the 3D room
 * still work, and then that they are connected again; the teacher's camera comes back on the main
 * screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'
import { ThreadedSfu } from '../../server/media/sfu/threaded-sfu.ts'

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

const join = (page: Page, link: string, name: string) =>
  joinThroughUi(page, link, name, { until: 'media', timeout: 45_000 })

describe('media connection status', () => {
  it('says reconnecting and what still works when media is cut off, then connected again', async () => {
    const s = await createSession(server.url, { title: 'Weak link' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, s.links.teacher, 'Ms. Li')
    await join(learner.page, s.links.learner, 'Ann')
    await teacher.page.getByRole('button', { name: 'Camera off' }).click()
    await expect
      .poll(async () => (await learner.page.evaluate(() => window.atrium!.screen('main')))?.width ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0)

    // Record every sentence the media status shows from now on.
    await learner.page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { seen: string[] }).seen = seen
      const note = () => {
        const text = document.querySelector('[data-testid="media-status"]')?.textContent ?? ''
        if (seen[seen.length - 1] !== text) seen.push(text)
      }
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    const sfu = server.atrium.sfu
    if (!(sfu instanceof ThreadedSfu)) throw new Error('expected the threaded SFU')
    await sfu.crashThread(sfu.threadOf(`atrium-${s.id}`)!)

    const seen = () => learner.page.evaluate(() => (window as unknown as { seen: string[] }).seen)
    await expect
      .poll(seen, { timeout: 20_000 })
      .toContain('Audio and video: connection lost, reconnecting… Boards, chat and the 3D room still work.')
    await expect
      .poll(() => learner.page.getByTestId('media-status').innerText(), { timeout: 30_000 })
      .toBe('Audio and video: connected')
    // The collab connection never dropped.
    expect(await learner.page.getByRole('status').first().innerText()).toBe('Connected')

    // The teacher's picture is live again.
    const h1 = (await learner.page.evaluate(() => window.atrium!.screen('main')))?.hash
    await expect
      .poll(async () => (await learner.page.evaluate(() => window.atrium!.screen('main')))?.hash, { timeout: 20_000 })
      .not.toBe(h1)
    for (const p of [teacher, learner]) await p.context.close()
  })
})
