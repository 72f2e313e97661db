/**
 * Avatars driven by live media: a learner who walks is seen walking by the teacher (poses over
 * LiveKit lossy data, not presence), and the teacher's avatar shows a speaking ring while the
 * teacher's microphone (Chromium's fake one beeps) is heard, and a muted marker while it is off.
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

async function join(page: Page, link: string, name: string): Promise<void> {
  await joinThroughUi(page, link, name, { until: 'drawing', timeout: 45_000 })
  await page.waitForFunction(() => window.atrium?.media().status.kind === 'connected', undefined, { timeout: 30_000 })
}

const avatar = (page: Page, name: string) =>
  page.evaluate((name) => window.atrium!.avatars().find((a) => a.name === name), name)

describe('avatars in live media', () => {
  it('move with the walker through poses, and ring while their owner speaks', async () => {
    const session = await createSession(server.url, { title: 'Acoustics' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, session.links.teacher, 'Ms. Li')
    await join(learner.page, session.links.learner, 'Wang Fang')

    // The learner's avatar is placed by poses as soon as they arrive (a keepalive comes each second).
    await expect.poll(async () => (await avatar(teacher.page, 'Wang Fang'))?.live, { timeout: 15_000 }).toBe(true)
    const before = (await avatar(teacher.page, 'Wang Fang'))!

    // The learner walks forward with the keyboard.
    await learner.page.locator('.world-canvas').focus()
    await learner.page.keyboard.down('KeyW')
    await learner.page.waitForTimeout(800)
    await learner.page.keyboard.up('KeyW')
    const walked = await learner.page.evaluate(() => window.atrium!.player())

    // The teacher sees the avatar arrive where the learner now stands.
    await expect
      .poll(
        async () => {
          const a = (await avatar(teacher.page, 'Wang Fang'))!
          return Math.hypot(a.x - walked.x, a.z - walked.z)
        },
        { timeout: 10_000 },
      )
      .toBeLessThan(0.05)
    const after = (await avatar(teacher.page, 'Wang Fang'))!
    expect(Math.hypot(after.x - before.x, after.z - before.z)).toBeGreaterThan(0.3)

    // The teacher's microphone is off: the learner sees the muted marker and no ring.
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))?.muted, { timeout: 10_000 }).toBe(true)
    expect((await avatar(learner.page, 'Ms. Li'))!.ring).toBe(0)
    // …and the people list says it in words.
    await expect
      .poll(() => learner.page.getByTestId('participants').locator('li', { hasText: 'Ms. Li' }).innerText())
      .toMatch(/Microphone muted/)

    await teacher.page.getByRole('button', { name: 'Microphone off' }).click()
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))?.muted, { timeout: 15_000 }).toBe(false)
    // The fake microphone beeps: the ring shows while the learner hears it.
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))!.ring, { timeout: 25_000 }).toBeGreaterThan(0)
    const heard = await learner.page.evaluate(() => window.atrium!.media())
    expect(heard.playing.length).toBe(1)
    // Spatial audio: the teacher's voice comes from her avatar's head, without distance loss
    // (she presents, so the back row hears her as well as the front).
    const teacherAvatar = (await avatar(learner.page, 'Ms. Li'))!
    await expect
      .poll(async () => {
        const v = Object.values((await learner.page.evaluate(() => window.atrium!.media())).voices)[0]
        return (
          v && {
            atHead: Math.hypot(v.x - teacherAvatar.x, v.y - teacherAvatar.y, v.z - teacherAvatar.z) < 1e-3,
            rolloff: v.rolloff,
          }
        )
      })
      .toEqual({ atHead: true, rolloff: 0 })

    // Microphone off again: the ring fades, the marker returns.
    await teacher.page.getByRole('button', { name: 'Microphone on' }).click()
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))?.muted, { timeout: 15_000 }).toBe(true)
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))!.ring, { timeout: 15_000 }).toBe(0)

    // A reaction from the learner floats up over her avatar on the teacher's screen.
    await learner.page.getByRole('group', { name: 'Reactions' }).getByRole('button', { name: 'React with 👏' }).click()
    const wangId = await learner.page.evaluate(
      () => window.atrium!.state().participants.find((p) => p.name === 'Wang Fang')!.identity,
    )
    await expect
      .poll(async () => (await teacher.page.evaluate(() => window.atrium!.reactions()))[0], { timeout: 10_000 })
      .toMatchObject({ identity: wangId, emoji: '👏' })
    const floating = (await teacher.page.evaluate(() => window.atrium!.reactions()))[0]!
    const wang = (await avatar(teacher.page, 'Wang Fang'))!
    expect(Math.hypot(floating.x - wang.x, floating.z - wang.z)).toBeLessThan(0.01)
    expect(floating.y).toBeGreaterThan(wang.y)
    // It is gone after three seconds.
    await expect.poll(() => teacher.page.evaluate(() => window.atrium!.reactions().length), { timeout: 6000 }).toBe(0)

    await teacher.context.close()
    await learner.context.close()
  })
})
