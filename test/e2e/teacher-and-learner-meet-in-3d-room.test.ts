/**
 * The walking skeleton as a newcomer uses it: a teacher and a learner open their links, type a
 * name, press Join, stand in the 3D lecture hall and see each other in the participant list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { sampleCanvas } from '../helpers/canvas.ts'

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

async function joinThroughUi(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
  await page.waitForFunction(() => window.atrium?.state().phase === 'in-session')
}

function participantRows(page: Page) {
  return page.getByTestId('participants').locator('li')
}

describe('two people meet in the 3D lecture hall', () => {
  it('each sees the other by name, role and how they joined, and the 3D view is drawn', async () => {
    const session = await createSession(server.url, { title: 'Optics, week 3' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()

    await joinThroughUi(teacher.page, session.links.teacher, 'Ms. Li')
    await expect.poll(() => teacher.page.getByRole('heading', { name: 'Optics, week 3' }).count()).toBe(1)
    await joinThroughUi(learner.page, session.links.learner, 'Wang Fang')

    for (const { page } of [teacher, learner]) {
      await expect.poll(() => participantRows(page).count(), { timeout: 15_000 }).toBe(2)
      const rows = participantRows(page)
      await expect.poll(() => rows.nth(0).innerText()).toMatch(/Ms\. Li[\s\S]*Teacher[\s\S]*Browser/)
      await expect.poll(() => rows.nth(1).innerText()).toMatch(/Wang Fang[\s\S]*Learner[\s\S]*Browser/)
    }
    await expect.poll(() => teacher.page.getByRole('status').first().innerText()).toBe('Connected')

    // The 3D view has rendered frames and shows a room, not a blank canvas.
    for (const { page } of [teacher, learner]) {
      await page.waitForFunction(() => (window.atrium?.frames ?? 0) > 5, undefined, { timeout: 30_000 })
      const stats = await sampleCanvas(page)
      expect(stats.width).toBeGreaterThan(300)
      expect(stats.distinctColours).toBeGreaterThan(20)
      expect(stats.nonBackgroundShare).toBeGreaterThan(0.2)
    }

    // The server counts them as present.
    const info = (await (await fetch(`${server.url}/api/sessions/${session.id}`)).json()) as {
      status: string
      participantCount: number
    }
    expect(info).toMatchObject({ status: 'live', participantCount: 2 })

    // When the learner leaves, the teacher's list drops them.
    await learner.context.close()
    await expect.poll(() => participantRows(teacher.page).count(), { timeout: 15_000 }).toBe(1)
    await teacher.context.close()
  })

  it('an on-site learner is listed as on-site', async () => {
    const session = await createSession(server.url, { title: 'Hybrid' })
    const onsite = await browser.newPerson()
    await joinThroughUi(onsite.page, session.links.onsite, 'Zhao Lei')
    await expect.poll(() => participantRows(onsite.page).first().getAttribute('data-via')).toBe('onsite')
    await expect.poll(() => participantRows(onsite.page).first().innerText()).toMatch(/in the classroom[\s\S]*On-site/)
    await onsite.context.close()
  })

  it('a wrong invite gets a sentence, not a crash', async () => {
    const session = await createSession(server.url, { title: 'Guarded' })
    const other = await createSession(server.url, { title: 'Other' })
    const person = await browser.newPerson()
    await person.page.goto(`${server.url}/s/${session.id}?invite=${other.invites.learner}`)
    await person.page.getByLabel('Your name').fill('Guest')
    await person.page.getByRole('button', { name: 'Join' }).click()
    await expect
      .poll(() => person.page.getByRole('alert').innerText())
      .toBe('This invite link is not valid for this lesson. Ask your teacher for a new one.')
    await person.context.close()
  })
})
