/**
 * Others see a headset wearer's head and hands follow the headset and controllers: the teacher
 * wears iwer's emulated Quest 3 (`?xr-emulator=scripted`); a learner in a browser sees her avatar
 * with two hands where her controllers are, the right hand moving when she moves that controller
 * (the left staying put), and the avatar turning and tilting its head when she turns and tilts
 * hers. Poses travel over LiveKit lossy data through the embedded SFU.
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
  // Without the browser's own WebXR, the emulator installs itself as navigator.xr.
  browser = await launchBrowser(['--disable-blink-features=WebXR'])
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

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - b[i]!))

describe("a headset wearer's avatar", () => {
  it('moves its hands with the controllers and its head with the headset', async () => {
    const session = await createSession(server.url, { title: 'Mechanics' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await join(teacher.page, `${session.links.teacher}&xr-emulator=scripted`, 'Ms. Li')
    await join(learner.page, session.links.learner, 'Wang Fang')

    // Outside VR her avatar has no hands.
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))?.live, { timeout: 15_000 }).toBe(true)
    expect((await avatar(learner.page, 'Ms. Li'))!.hands).toBe(false)

    await teacher.page.getByRole('button', { name: 'Enter VR' }).click()
    await teacher.page.waitForFunction(
      () => window.atrium!.xr.getState().inputSourceStates.filter((s) => s.type === 'controller').length === 2,
      undefined,
      { timeout: 20_000 },
    )
    await expect.poll(async () => (await avatar(learner.page, 'Ms. Li'))?.hands, { timeout: 15_000 }).toBe(true)
    // Settled: the emulator holds both controllers still.
    await learner.page.waitForTimeout(500)
    const before = (await avatar(learner.page, 'Ms. Li'))!
    // The hands are at the avatar, below its head (the emulator holds them 50 cm apart).
    for (const hand of [before.left, before.right]) {
      expect(Math.hypot(hand[0] - before.x, hand[2] - before.z)).toBeLessThan(1)
      expect(hand[1]).toBeLessThan(before.y + 0.2)
      expect(hand[1]).toBeGreaterThan(before.y - 1.3)
    }
    expect(distance(before.left, before.right)).toBeCloseTo(0.5, 1)

    // She lifts her right controller 30 cm and moves it 40 cm to the side.
    await teacher.page.evaluate(() => {
      const right = window.atrium!.xrDevice()!.controllers.right!
      right.position.set(right.position.x + 0.4, right.position.y + 0.3, right.position.z)
    })
    await expect
      .poll(async () => distance((await avatar(learner.page, 'Ms. Li'))!.right, before.right), { timeout: 10_000 })
      .toBeGreaterThan(0.45)
    const moved = (await avatar(learner.page, 'Ms. Li'))!
    expect(distance(moved.right, before.right)).toBeLessThan(0.55)
    expect(moved.right[1] - before.right[1]).toBeCloseTo(0.3, 1)
    expect(distance(moved.left, before.left)).toBeLessThan(0.03)

    // She turns her head a quarter to the left and looks down a little.
    await teacher.page.evaluate(() => {
      const d = window.atrium!.xrDevice()!
      // Yaw π/2 about +Y, then pitch −0.4 rad about the turned X axis (half angles below).
      const [y, p] = [Math.PI / 4, -0.2]
      d.quaternion.set(
        Math.sin(p) * Math.cos(y),
        Math.sin(y) * Math.cos(p),
        -Math.sin(y) * Math.sin(p),
        Math.cos(y) * Math.cos(p),
      )
    })
    const turn = (a: number) => Math.atan2(Math.sin(a - before.yaw), Math.cos(a - before.yaw))
    await expect
      .poll(async () => turn((await avatar(learner.page, 'Ms. Li'))!.yaw), { timeout: 10_000 })
      .toBeCloseTo(Math.PI / 2, 1)
    expect((await avatar(learner.page, 'Ms. Li'))!.pitch).toBeCloseTo(-0.4, 1)
  }, 180_000)
})
