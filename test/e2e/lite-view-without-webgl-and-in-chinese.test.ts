/**
 * The 2D lesson: a learner whose browser has no WebGL gets the 2D view on its own (board, chat,
 * people) and takes full part; a learner with WebGL can choose it and return; the whole UI
 * switches to Chinese; large text is a choice kept across visits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'

let server: TestServer
let withGl: TestBrowser
let noGl: TestBrowser

beforeAll(async () => {
  server = await startTestServer()
  withGl = await launchBrowser()
  noGl = await launchBrowser(['--disable-webgl', '--disable-3d-apis'])
})
afterAll(async () => {
  await withGl?.close()
  await noGl?.close()
  await server?.cleanup()
})

const join = (page: Page, link: string, name: string) => joinThroughUi(page, link, name)

async function drawStroke(page: Page): Promise<void> {
  await page.locator('canvas.board-page').scrollIntoViewIfNeeded()
  const box = (await page.locator('canvas.board-page').boundingBox())!
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3)
  await page.mouse.down()
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.2 + i * 0.03), box.y + box.height * 0.4)
  await page.mouse.up()
}

const boardItems = (page: Page) => page.evaluate(() => window.atrium!.boards().items.length)

describe('the 2D lesson', () => {
  it('without WebGL: board, chat and people work, and the UI speaks Chinese', async () => {
    const session = await createSession(server.url, { title: 'Village health class' })
    const teacher = await withGl.newPerson()
    const learner = await noGl.newPerson()
    await join(teacher.page, session.links.teacher, 'Ms. Li')
    await join(learner.page, session.links.learner, 'Grandpa Zhou')

    // No 3D canvas; the 2D view says why and shows the board with its tools.
    await learner.page.getByTestId('lite-view').waitFor()
    expect(await learner.page.getByRole('status').filter({ hasText: 'cannot show the 3D view' }).count()).toBe(1)
    expect(await learner.page.locator('.world-canvas canvas').count()).toBe(0)
    expect(await learner.page.getByLabel('2D view').isChecked()).toBe(true)

    // Drawing on the 2D board reaches the teacher.
    await drawStroke(learner.page)
    await expect.poll(() => boardItems(learner.page), { timeout: 5000 }).toBe(1)
    await expect.poll(() => boardItems(teacher.page), { timeout: 15_000 }).toBe(1)

    // Chat both ways, and the people list.
    await learner.page.getByRole('tab', { name: /^Chat/ }).click()
    await learner.page.getByLabel('Message').fill('Can you speak louder?')
    await learner.page.getByRole('button', { name: 'Send' }).click()
    await teacher.page.getByRole('tab', { name: /^Chat/ }).click()
    await expect.poll(() => teacher.page.getByTestId('chat').innerText()).toContain('Can you speak louder?')
    await learner.page.getByRole('tab', { name: /^People/ }).click()
    await expect.poll(() => learner.page.getByTestId('participants').locator('li').count()).toBe(2)

    // Chinese throughout, from the switch.
    await learner.page.getByLabel('Language').selectOption('zh-CN')
    await learner.page.getByRole('button', { name: '举手' }).waitFor()
    expect(await learner.page.getByRole('button', { name: '离开' }).count()).toBe(1)
    expect(await learner.page.getByRole('tab', { name: /^聊天/ }).count()).toBe(1)
    expect(await learner.page.getByRole('status').filter({ hasText: '无法显示三维视图' }).count()).toBe(1)
    expect(await learner.page.locator('html').getAttribute('lang')).toBe('zh-CN')
  })

  it('with WebGL: the 2D view and large text are choices, kept for the next visit', async () => {
    const session = await createSession(server.url, { title: 'Calligraphy' })
    const learner = await withGl.newPerson()
    await join(learner.page, session.links.learner, 'Mrs. Chen')
    await learner.page.waitForFunction(() => (window.atrium?.frames ?? 0) > 5, undefined, { timeout: 30_000 })

    await learner.page.locator('summary', { hasText: 'View' }).click()
    await learner.page.getByLabel('2D view').check()
    await learner.page.getByTestId('lite-view').waitFor()
    expect(await learner.page.locator('.world-canvas canvas').count()).toBe(0)
    expect(await learner.page.getByRole('status').filter({ hasText: 'cannot show the 3D view' }).count()).toBe(0)

    const fontSize = () => learner.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
    const before = await fontSize()
    await learner.page.getByLabel('Large text').check()
    expect(await fontSize()).toBeGreaterThan(before * 1.2)

    await learner.page.getByLabel('2D view').uncheck()
    await learner.page.locator('.world-canvas canvas').waitFor()

    // Next visit: large text is still chosen.
    await learner.page.reload()
    expect(await fontSize()).toBeGreaterThan(before * 1.2)
  })
})
