/**
 * In the 3D room: everyone else appears as an avatar with their name; a learner who clicks a free
 * seat sits there for everyone; walking works from the keyboard alone; `?stats=1` shows the cost.
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

async function enter(page: Page, link: string, name: string) {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
  await page.waitForFunction(() => (window.atrium?.frames ?? 0) > 3, undefined, { timeout: 30_000 })
}

describe('avatars, seats and walking', () => {
  it('each sees the others by name; a seat click seats you for everyone; keys walk', async () => {
    const s = await createSession(server.url)
    const teacher = await browser.newPerson()
    const ann = await browser.newPerson()
    const bo = await browser.newPerson()
    await enter(teacher.page, `${s.links.teacher}&stats=1`, 'Ms. Li')
    await enter(ann.page, s.links.learner, 'Ann')
    await enter(bo.page, s.links.learner, 'Bo')

    const names = (p: Page) =>
      p.evaluate(() =>
        window
          .atrium!.avatars()
          .map((a) => a.name)
          .sort(),
      )
    await expect.poll(() => names(teacher.page), { timeout: 15_000 }).toEqual(['Ann', 'Bo'])
    await expect.poll(() => names(ann.page)).toEqual(['Bo', 'Ms. Li'])

    // Ann clicks the seat in front of her view's centre (row 5, the back row, which she faces).
    const box = (await ann.page.locator('.world-canvas canvas').boundingBox())!
    const seatAt = async () => {
      for (let y = 0.55; y < 0.98; y += 0.03) {
        for (let x = 0.3; x < 0.71; x += 0.05) {
          await ann.page.mouse.click(box.x + box.width * x, box.y + box.height * y)
          const seat = await ann.page.evaluate(() => window.atrium!.player().seat)
          if (seat) return seat
        }
      }
      return undefined
    }
    const seat = await seatAt()
    expect(seat).toMatch(/^r\dc\d$/)
    await expect
      .poll(() => teacher.page.evaluate(() => window.atrium!.avatars().find((a) => a.name === 'Ann')?.seated))
      .toBe(true)
    await expect
      .poll(() => bo.page.evaluate(() => window.atrium!.state().participants.find((p) => p.name === 'Ann')?.seat))
      .toBe(seat)

    // Bo walks forward with the keyboard alone: focus the view, hold W.
    const before = await bo.page.evaluate(() => window.atrium!.player())
    await bo.page.locator('.world-canvas').focus()
    await bo.page.keyboard.down('KeyW')
    await bo.page.waitForTimeout(600)
    await bo.page.keyboard.up('KeyW')
    const after = await bo.page.evaluate(() => window.atrium!.player())
    expect(before.z - after.z).toBeGreaterThan(0.3)

    // The stats overlay reports the cost of the frame.
    await expect
      .poll(() => teacher.page.getByTestId('stats').innerText())
      .toMatch(/\d+ fps · \d+ draw calls · \d+ triangles/)
    for (const p of [teacher, ann, bo]) await p.context.close()
  })
})
