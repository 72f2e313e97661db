/**
 * Learners' boards follow the teacher's page, unless they turn "Follow the teacher" off; then they
 * stay where they are, free to page on their own.
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

const pageIndex = (page: Page) => page.evaluate(() => window.atrium!.boards().pageIndex)

describe('follow the teacher', () => {
  it("a learner follows the teacher's page until they opt out, then stays put", async () => {
    const session = await createSession(server.url, { title: 'History' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await joinAndOpenBoard(teacher.page, session.links.teacher, 'Ms. Li')
    await joinAndOpenBoard(learner.page, session.links.learner, 'Wang Fang')

    await teacher.page.getByRole('button', { name: 'Add page' }).click()
    await teacher.page.getByRole('button', { name: 'Add page' }).click()
    await expect.poll(() => pageIndex(teacher.page)).toBe(2)
    await expect.poll(() => pageIndex(learner.page), { timeout: 10_000 }).toBe(2)
    await teacher.page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(() => pageIndex(learner.page), { timeout: 10_000 }).toBe(1)

    const follow = learner.page.getByLabel('Follow the teacher', { exact: true })
    expect(await follow.isChecked()).toBe(true)
    await follow.uncheck()
    await teacher.page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(() => pageIndex(teacher.page)).toBe(0)
    await learner.page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => pageIndex(learner.page)).toBe(2)
    // Bounded look: the teacher's view has long reached the learner; they still stay on their page.
    await expect.poll(() => learner.page.getByText('Page 3 of 3').count()).toBe(1)
    expect(await pageIndex(learner.page)).toBe(2)

    // Following again brings them back to the teacher's page.
    await follow.check()
    await expect.poll(() => pageIndex(learner.page), { timeout: 10_000 }).toBe(0)
    await teacher.context.close()
    await learner.context.close()
  })
})
