/**
 * Two people draw on the same board in the 2D board view, at the same time, and end with
 * identical pages (same content hash, same rendered pixels); undo in one browser never removes the
 * other's strokes.
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

async function joinAndOpenBoard(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
  await page.getByRole('button', { name: 'Open the board' }).click()
  await page.getByRole('region', { name: 'Whiteboard' }).waitFor()
}

/** Drags the mouse across the board page along a wave, in `steps` moves. */
async function drawStroke(page: Page, fx: number, fy: number, steps = 12): Promise<void> {
  const box = (await page.locator('canvas.board-page').boundingBox())!
  const at = (i: number) =>
    [box.x + box.width * (fx + i * 0.015), box.y + box.height * (fy + Math.sin(i / 2) * 0.04)] as const
  await page.mouse.move(...at(0))
  await page.mouse.down()
  for (let i = 1; i <= steps; i++) await page.mouse.move(...at(i))
  await page.mouse.up()
}

const board = (page: Page) =>
  page.evaluate(() => {
    const b = window.atrium!.boards()
    return { items: b.items, contentHash: b.contentHash, pixels: b.pixels() }
  })

describe('two people draw on one board', () => {
  it('concurrent strokes end identical on both screens, and undo removes only your own', async () => {
    const session = await createSession(server.url, { title: 'Geometry' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await joinAndOpenBoard(teacher.page, session.links.teacher, 'Ms. Li')
    await joinAndOpenBoard(learner.page, session.links.learner, 'Wang Fang')

    // Both draw at once, three strokes each.
    await Promise.all([
      (async () => {
        for (const y of [0.2, 0.4, 0.6]) await drawStroke(teacher.page, 0.1, y)
      })(),
      (async () => {
        for (const y of [0.3, 0.5, 0.7]) await drawStroke(learner.page, 0.55, y)
      })(),
    ])
    for (const { page } of [teacher, learner]) {
      await expect.poll(async () => (await board(page)).items.length, { timeout: 15_000 }).toBe(6)
    }
    const [a, b] = [await board(teacher.page), await board(learner.page)]
    expect(a.contentHash).toBe(b.contentHash)
    expect(a.pixels.hash).toBe(b.pixels.hash)
    expect(a.pixels.inked).toBeGreaterThan(1000)

    // The learner undoes twice: their last two strokes go, everywhere; the teacher's three stay.
    const owners = (items: { by: string }[]) => {
      const m = new Map<string, number>()
      for (const i of items) m.set(i.by, (m.get(i.by) ?? 0) + 1)
      return [...m.values()].sort()
    }
    expect(owners(a.items)).toEqual([3, 3])
    await learner.page.getByRole('region', { name: 'Whiteboard' }).focus()
    await learner.page.keyboard.press('Control+z')
    await learner.page.getByRole('button', { name: 'Undo' }).click()
    for (const { page } of [teacher, learner]) {
      await expect.poll(async () => (await board(page)).items.length, { timeout: 10_000 }).toBe(4)
    }
    const after = await board(teacher.page)
    expect(owners(after.items)).toEqual([1, 3])
    expect((await board(learner.page)).pixels.hash).toBe(after.pixels.hash)

    // Redo brings one back, again for both.
    await learner.page.getByRole('button', { name: 'Redo' }).click()
    for (const { page } of [teacher, learner]) {
      await expect.poll(async () => (await board(page)).items.length, { timeout: 10_000 }).toBe(5)
    }
    await teacher.context.close()
    await learner.context.close()
  })
})
