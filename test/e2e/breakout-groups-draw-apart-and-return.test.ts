/**
 * Breakout groups in real browsers: the teacher makes two groups from the console and opens the
 * breakouts; each learner draws on their own group's board and never sees the other group's
 * strokes; the teacher visits a group and sees its work; closing the breakouts brings both back to
 * the main board, where they see each other again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinAndOpenBoard } from '../helpers/board-page.ts'

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

async function drawStroke(page: Page, fx: number, fy: number): Promise<void> {
  const box = (await page.locator('canvas.board-page').boundingBox())!
  const at = (i: number) => [box.x + box.width * (fx + i * 0.02), box.y + box.height * (fy + (i % 2) * 0.03)] as const
  await page.mouse.move(...at(0))
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(...at(i))
  await page.mouse.up()
}
const items = (page: Page) => page.evaluate(() => window.atrium!.boards().items.length)
const place = (page: Page) => page.evaluate(() => window.atrium!.place())
const banner = (page: Page) => page.getByTestId('breakout-banner').innerText()

describe('breakout groups', () => {
  it('keep each group on its own board, let the teacher visit, and bring everyone back', async () => {
    const s = await createSession(server.url, { title: 'Group work' })
    const teacher = await browser.newPerson()
    const ann = await browser.newPerson()
    const bo = await browser.newPerson()
    await teacher.page.goto(s.links.teacher)
    await teacher.page.getByLabel('Your name').fill('Ms. Li')
    await teacher.page.getByRole('button', { name: 'Join' }).click()
    await joinAndOpenBoard(ann.page, s.links.learner, 'Ann')
    await joinAndOpenBoard(bo.page, s.links.learner, 'Bo')
    await teacher.page.getByRole('tab', { name: /^Teacher/ }).click()
    await expect.poll(() => teacher.page.getByRole('button', { name: /^Mute .*Bo/ }).count()).toBe(1)

    // Two groups, shared out evenly, then opened.
    await teacher.page.getByLabel('Number of groups').fill('2')
    await teacher.page.getByRole('button', { name: 'Make groups and share out the learners' }).click()
    await expect.poll(() => teacher.page.getByTestId('groups').getByRole('combobox').count()).toBe(2)
    await teacher.page.getByLabel('Breakouts open').check()
    await expect.poll(() => banner(ann.page)).toMatch(/You are working in Group [12]\./)
    await expect.poll(() => banner(bo.page)).toMatch(/You are working in Group [12]\./)
    const annGroup = (await place(ann.page)).breakout!.group
    const boGroup = (await place(bo.page)).breakout!.group
    expect(annGroup).not.toBe(boGroup)
    expect((await place(ann.page)).boards).toBe(`session/${s.id}/group/${annGroup}/boards`)

    // Each draws on their group's board; neither sees the other's stroke.
    await drawStroke(ann.page, 0.1, 0.3)
    await drawStroke(bo.page, 0.5, 0.6)
    await expect.poll(() => items(ann.page)).toBe(1)
    await expect.poll(() => items(bo.page)).toBe(1)
    await drawStroke(ann.page, 0.1, 0.6)
    await expect.poll(() => items(ann.page)).toBe(2)
    await new Promise((r) => setTimeout(r, 500))
    expect(await items(bo.page)).toBe(1)

    // The teacher visits Ann's group and sees its two strokes, then goes back to the main room.
    const annLabel = annGroup === 'g1' ? 'Group 1' : 'Group 2'
    await teacher.page.getByRole('button', { name: `Visit ${annLabel} (1)` }).click()
    await expect.poll(() => banner(teacher.page)).toBe(`You are visiting ${annLabel}.Back to the main room`)
    await expect.poll(() => items(teacher.page)).toBe(2)
    await teacher.page.getByTestId('breakout-banner').getByRole('button', { name: 'Back to the main room' }).click()
    await expect.poll(() => items(teacher.page)).toBe(0)

    // Closing the breakouts: both are back on the (empty) main board, and see each other again.
    await teacher.page.getByLabel('Breakouts open').uncheck()
    for (const p of [ann.page, bo.page]) {
      await expect.poll(() => banner(p)).toBe('')
      await expect.poll(() => place(p).then((x) => x.boards)).toBe(`session/${s.id}/boards`)
      await expect.poll(() => items(p)).toBe(0)
    }
    await drawStroke(bo.page, 0.3, 0.3)
    await expect.poll(() => items(ann.page)).toBe(1)
    for (const p of [teacher, ann, bo]) await p.context.close()
  })
})
