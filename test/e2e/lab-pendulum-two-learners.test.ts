/**
 * Two learners run the pendulum together in real browsers: one releases it, both watch it swing
 * and measure the same period, one starts the shared stopwatch and the other stops it, and both
 * read the same time. Their step completions become records the teacher can read.
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
  await page.waitForFunction(() => (window.atrium?.lab().frames ?? 0) > 5, undefined, { timeout: 60_000 })
}

/** The pendulum's drawn angle (degrees) against wall-clock time (s), sampled every rendered frame. */
function sampleSwing(page: Page, seconds: number): Promise<[number, number][]> {
  return page.evaluate(async (ms) => {
    const out: [number, number][] = []
    const end = Date.now() + ms
    while (Date.now() < end) {
      await new Promise((r) => requestAnimationFrame(r))
      out.push([Date.now() / 1000, window.atrium!.lab().objects.pendulum!.rotation[2]!])
    }
    return out
  }, seconds * 1000)
}

/** Period from the times the angle crosses zero going down (linear interpolation between samples). */
function periodOf(samples: [number, number][]): number {
  const crossings: number[] = []
  for (let i = 1; i < samples.length; i++) {
    const [t0, a0] = samples[i - 1]!
    const [t1, a1] = samples[i]!
    if (a0 > 0 && a1 <= 0) crossings.push(t0 + ((t1 - t0) * a0) / (a0 - a1))
  }
  if (crossings.length < 2) throw new Error(`too few swings seen (${samples.length} samples)`)
  return (crossings.at(-1)! - crossings[0]!) / (crossings.length - 1)
}

const TWO_PI_ROOT_L_OVER_G = 2 * Math.PI * Math.sqrt(1 / 9.81)

describe('two learners run the pendulum together', () => {
  it('see the same swing, measure the same period, and read the same shared stopwatch', async () => {
    const session = await createSession(server.url, { title: 'Pendulum lab', scene: 'pendulum' })
    const ana = await browser.newPerson()
    const ben = await browser.newPerson()
    const problems: string[] = []
    ana.page.on('pageerror', (err) => problems.push(err.message))
    const modelFetched = ana.page.waitForResponse((r) => r.url().endsWith('/scenes/pendulum/models/clamp.bin'), {
      timeout: 60_000,
    })
    await joinThroughUi(ana.page, session.links.learner, 'Ana')
    await joinThroughUi(ben.page, session.links.learner, 'Ben')

    // The lab is drawn: objects on a bench, not an empty room, with the package's own glTF model.
    const stats = await sampleCanvas(ana.page)
    expect(stats.distinctColours).toBeGreaterThan(20)
    expect((await modelFetched).status()).toBe(200)

    // Ana releases the pendulum from the lab panel (1.00 m, 10°: the package's initial state).
    await ana.page.getByRole('button', { name: 'Release', exact: true }).click()
    await ben.page.waitForFunction(() => (window.atrium?.lab().t ?? 0) > 0.2, undefined, { timeout: 10_000 })

    const [swingA, swingB] = await Promise.all([sampleSwing(ana.page, 7), sampleSwing(ben.page, 7)])
    const [periodA, periodB] = [periodOf(swingA), periodOf(swingB)]
    // Both measure 2π√(L/g) (the 10° amplitude adds 0.2 %), and each other's value.
    expect(Math.abs(periodA / TWO_PI_ROOT_L_OVER_G - 1.002)).toBeLessThan(0.03)
    expect(Math.abs(periodB / TWO_PI_ROOT_L_OVER_G - 1.002)).toBeLessThan(0.03)
    expect(Math.abs(periodA - periodB)).toBeLessThan(0.05)

    // At the same moment both draw the pendulum at the same angle.
    const angleAt = (s: [number, number][], at: number) => {
      const i = s.findIndex(([t]) => t >= at)
      const [t0, a0] = s[i - 1]!
      const [t1, a1] = s[i]!
      return a0 + ((a1 - a0) * (at - t0)) / (t1 - t0)
    }
    const mid = (swingA[5]![0] + swingA.at(-5)![0]) / 2
    expect(Math.abs(angleAt(swingA, mid) - angleAt(swingB, mid))).toBeLessThan(1.5)

    // Ben starts the shared stopwatch, Ana stops it: both read the same time.
    const stopwatch = (page: Page) => page.getByRole('group', { name: 'Stopwatch' })
    await stopwatch(ben.page).getByRole('button', { name: 'Start' }).click()
    await expect
      .poll(() => stopwatch(ana.page).getByRole('button', { name: 'Stop' }).count(), { timeout: 5000 })
      .toBe(1)
    await ana.page.waitForTimeout(2500)
    await stopwatch(ana.page).getByRole('button', { name: 'Stop' }).click()
    // Once both see it stopped, both show the same time, read from the same shared state.
    for (const { page } of [ana, ben]) {
      await expect.poll(() => stopwatch(page).getByRole('button', { name: 'Start' }).count(), { timeout: 5000 }).toBe(1)
    }
    const shown = (page: Page) => page.locator('[data-timer="sw"]').innerText()
    const both = async (read: (p: Page) => Promise<string>) => [await read(ana.page), await read(ben.page)]
    await expect.poll(async () => new Set(await both(shown)).size, { timeout: 5000 }).toBe(1)
    const [stateA, stateB] = await Promise.all(
      [ana.page, ben.page].map((p) => p.evaluate(() => window.atrium!.lab().clocks.sw)),
    )
    expect(stateA).toEqual(stateB)
    const seconds = parseFloat(await shown(ana.page))
    expect(seconds).toBeGreaterThan(2)
    expect(seconds).toBeLessThan(8)
    expect(seconds).toBeCloseTo(stateA!.base, 2)
    const reading = (page: Page) => page.locator('[data-reading="measuredReadout"]').innerText()
    await expect.poll(async () => new Set(await both(reading)).size, { timeout: 5000 }).toBe(1)
    expect(await reading(ana.page)).toBe(`${(stateA!.base / 10).toFixed(3)} s`)

    // Ben places a marker on the bench; Ana sees it counted.
    await ben.page.getByRole('button', { name: 'Place a marker (0 placed)' }).click()
    await expect
      .poll(() => ana.page.getByRole('button', { name: 'Place a marker (1 placed)' }).count(), { timeout: 5000 })
      .toBe(1)

    // The first two steps are done for both, and each learner has a record of them.
    for (const { page } of [ana, ben]) {
      await expect
        .poll(() => page.locator('[data-step="release"]').getAttribute('data-state'), { timeout: 10_000 })
        .toBe('done')
    }
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/api/sessions/${session.id}/lab-steps`, {
            headers: { authorization: `Bearer ${server.adminToken}` },
          })
          const { records } = (await res.json()) as { records: { name: string; step: string }[] }
          return records.map((r) => `${r.name}:${r.step}`).sort()
        },
        { timeout: 10_000 },
      )
      .toEqual(['Ana:release', 'Ana:setUp', 'Ben:release', 'Ben:setUp'])

    expect(problems).toEqual([])
    await ana.context.close()
    await ben.context.close()
  })
})
