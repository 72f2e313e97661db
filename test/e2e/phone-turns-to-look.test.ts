/**
 * On a phone, a learner switches on "Look around by turning the phone" in the View menu; turning
 * the phone (deviceorientation events, as a real phone fires them) turns the view, from where they
 * were looking rather than from north; switching it off leaves the view to the fingers again.
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

const turn = (page: Page, alpha: number, beta: number) =>
  page.evaluate(
    ([alpha, beta]) =>
      window.dispatchEvent(new DeviceOrientationEvent('deviceorientation', { alpha, beta, gamma: 0, absolute: false })),
    [alpha, beta] as const,
  )
const view = (page: Page) => page.evaluate(() => window.atrium!.player())
const degrees = (r: number) => (r * 180) / Math.PI

describe('a phone learner', () => {
  it('turns the phone to look around, and stops when the option is off', async () => {
    const s = await createSession(server.url)
    const phone = await browser.newPerson({ touch: true })
    await joinThroughUi(phone.page, s.links.learner, 'Grandma Wu', { until: 'drawing', timeout: 30_000 })

    const start = (await view(phone.page)).yaw
    await turn(phone.page, 30, 90) // ignored: the option is off
    expect((await view(phone.page)).yaw).toBe(start)

    await phone.page.locator('summary', { hasText: 'View' }).click()
    await phone.page.getByLabel('Look around by turning the phone').check()
    await turn(phone.page, 10, 90)
    await expect.poll(async () => (await view(phone.page)).yaw).toBeCloseTo(start, 5)
    await turn(phone.page, 55, 90)
    await expect.poll(async () => degrees((await view(phone.page)).yaw - start)).toBeCloseTo(45, 1)
    await turn(phone.page, 55, 110)
    await expect.poll(async () => degrees((await view(phone.page)).pitch)).toBeCloseTo(20, 1)

    await phone.page.getByLabel('Look around by turning the phone').uncheck()
    const held = await view(phone.page)
    await turn(phone.page, 150, 60)
    await new Promise((r) => setTimeout(r, 300))
    expect((await view(phone.page)).yaw).toBe(held.yaw)
    await phone.context.close()
  })
})
