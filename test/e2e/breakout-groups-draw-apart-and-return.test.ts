/**
 * Breakout groups in real browsers: the teacher makes two groups from the console and opens the
 * breakouts; each learner draws on their own group's board and never sees the other group's
 * strokes; the teacher visits a group and sees its work; closing the breakouts brings both back to
 * the main board, where they see each other again, and the groups' pages follow them there. A
 * message to every group reaches both; the teacher seats a learner from the console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { fillJoinForm, openBreakoutGroups } from '../helpers/app-page.ts'
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
    await fillJoinForm(teacher.page, s.links.teacher, 'Ms. Li')
    await joinAndOpenBoard(ann.page, s.links.learner, 'Ann')
    await joinAndOpenBoard(bo.page, s.links.learner, 'Bo')
    await teacher.page.getByRole('tab', { name: /^Teacher/ }).click()
    await expect.poll(() => teacher.page.getByRole('button', { name: /^Mute .*Bo/ }).count()).toBe(1)

    // Two groups, shared out evenly, then opened.
    await openBreakoutGroups(teacher.page, 2)
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

    // A message to every group reaches both groups.
    await teacher.page.getByLabel('Message to every group').fill('Five minutes left')
    await teacher.page.getByRole('button', { name: 'Send', exact: true }).click()
    for (const p of [ann.page, bo.page])
      await expect.poll(() => p.getByTestId('breakout-message').innerText()).toContain('Ms. Li: Five minutes left')

    // Calling everyone back: both are on the main board, see each other again, and find each
    // group's page after the main room's own.
    await teacher.page.getByRole('button', { name: 'Call everyone back (their boards stay)' }).click()
    for (const p of [ann.page, bo.page]) {
      await expect.poll(() => banner(p)).toBe('')
      await expect.poll(() => place(p).then((x) => x.boards)).toBe(`session/${s.id}/boards`)
      await expect.poll(() => items(p)).toBe(0)
      await expect.poll(() => p.evaluate(() => window.atrium!.boards().pageCount)).toBe(3)
    }
    expect(await teacher.page.getByLabel('Breakouts open').isChecked()).toBe(false)
    const groupPages: number[] = []
    await ann.page.getByLabel('Follow the teacher', { exact: true }).uncheck()
    for (let i = 0; i < 2; i++) {
      await ann.page.getByRole('button', { name: 'Next page' }).click()
      await expect.poll(() => ann.page.evaluate(() => window.atrium!.boards().pageIndex)).toBe(i + 1)
      await expect.poll(() => items(ann.page)).toBeGreaterThan(0)
      groupPages.push(await items(ann.page))
    }
    expect(groupPages.sort()).toEqual([1, 2])
    await ann.page.getByRole('button', { name: 'Previous page' }).click()
    await ann.page.getByRole('button', { name: 'Previous page' }).click()
    for (const p of [ann.page, bo.page])
      await expect.poll(() => p.evaluate(() => window.atrium!.boards().pageIndex)).toBe(0)
    await ann.page.getByLabel('Follow the teacher', { exact: true }).check()
    await drawStroke(bo.page, 0.3, 0.3)
    await expect.poll(() => items(ann.page)).toBe(1)

    // The teacher seats Ann from the console; her view goes there.
    await teacher.page.getByLabel('Seat of Ann').selectOption({ label: 'Row 1, seat 3' })
    await expect.poll(() => ann.page.evaluate(() => window.atrium!.player().seat)).toBe('r1c3')
    for (const p of [teacher, ann, bo]) await p.context.close()
  }, 240_000)
})
