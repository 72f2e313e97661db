/**
 * Breakout groups in the classroom app move people's audio and video too: when the teacher opens
 * the breakouts, each learner's media moves to their group's LiveKit room and hears only the
 * group; a visiting teacher joins that group's room; closing the breakouts brings everyone back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'

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

const media = (page: Page) => page.evaluate(() => window.atrium!.media())
const hears = async (page: Page) => (await media(page)).remotes.map((r) => r.identity).sort()
const idOf = (page: Page, name: string) =>
  page.evaluate((name) => window.atrium!.state().participants.find((p) => p.name === name)?.identity, name)

describe('breakout groups and media', () => {
  it("move each learner into their group's audio room, let the teacher visit, and bring them back", async () => {
    const s = await createSession(server.url, { title: 'Group talk' })
    const teacher = await browser.newPerson()
    const ann = await browser.newPerson()
    const bo = await browser.newPerson()
    await join(teacher.page, s.links.teacher, 'Ms. Li')
    await join(ann.page, s.links.learner, 'Ann')
    await join(bo.page, s.links.learner, 'Bo')
    const main = `atrium-${s.id}`
    for (const p of [teacher.page, ann.page, bo.page]) {
      await expect.poll(async () => (await media(p)).room).toBe(main)
      await expect.poll(async () => (await hears(p)).length, { timeout: 15_000 }).toBe(2)
    }
    const [teacherId, annId, boId] = [
      await idOf(ann.page, 'Ms. Li'),
      await idOf(teacher.page, 'Ann'),
      await idOf(teacher.page, 'Bo'),
    ]

    await teacher.page.getByRole('tab', { name: /^Teacher/ }).click()
    await teacher.page.getByLabel('Number of groups').fill('2')
    await teacher.page.getByRole('button', { name: 'Make groups and share out the learners' }).click()
    await teacher.page.getByLabel('Breakouts open').check()

    const annGroup = await expect
      .poll(async () => (await ann.page.evaluate(() => window.atrium!.place())).breakout?.group, { timeout: 15_000 })
      .toBeTruthy()
      .then(async () => (await ann.page.evaluate(() => window.atrium!.place())).breakout!.group)
    const boGroup = (await bo.page.evaluate(() => window.atrium!.place())).breakout!.group
    // Each learner's media is in their own group's room, alone there; the teacher stays in the main room.
    await expect.poll(async () => (await media(ann.page)).room, { timeout: 20_000 }).toBe(`${main}-g-${annGroup}`)
    await expect.poll(async () => (await media(bo.page)).room, { timeout: 20_000 }).toBe(`${main}-g-${boGroup}`)
    await expect.poll(() => hears(ann.page), { timeout: 15_000 }).toEqual([])
    await expect.poll(() => hears(bo.page), { timeout: 15_000 }).toEqual([])
    await expect.poll(() => hears(teacher.page), { timeout: 15_000 }).toEqual([])
    expect((await media(teacher.page)).room).toBe(main)
    expect((await media(ann.page)).status.kind).toBe('connected')

    // The teacher visits Ann's group: she is heard there, Bo still is not.
    const annLabel = annGroup === 'g1' ? 'Group 1' : 'Group 2'
    await teacher.page.getByRole('button', { name: `Visit ${annLabel} (1)` }).click()
    await expect.poll(async () => (await media(teacher.page)).room, { timeout: 20_000 }).toBe(`${main}-g-${annGroup}`)
    await expect.poll(() => hears(ann.page), { timeout: 15_000 }).toEqual([teacherId])
    expect(await hears(bo.page)).toEqual([])

    // Closing the breakouts: everyone is back in the main room together.
    await teacher.page.getByTestId('breakout-banner').getByRole('button', { name: 'Back to the main room' }).click()
    // Closing goes through the API (everyone is called back), so the box clears when the server answers.
    await teacher.page.getByLabel('Breakouts open').click()
    await expect.poll(() => teacher.page.getByLabel('Breakouts open').isChecked(), { timeout: 10_000 }).toBe(false)
    for (const p of [teacher.page, ann.page, bo.page]) {
      await expect.poll(async () => (await media(p)).room, { timeout: 20_000 }).toBe(main)
    }
    await expect.poll(() => hears(teacher.page), { timeout: 15_000 }).toEqual([annId, boId].sort())
    for (const p of [teacher, ann, bo]) await p.context.close()
  })
})
