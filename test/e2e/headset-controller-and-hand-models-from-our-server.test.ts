/**
 * In a headset the wearer sees their controllers, and their hands when they put the controllers
 * down, as models: iwer's emulated Quest 3 (`?xr-emulator=scripted`) reports Meta Quest Touch
 * Plus controllers, whose models and the generic hand models come from our own server
 * (/xr/profiles/), never a CDN; every request the page makes goes to its own origin. A controller
 * the profile list does not know is drawn as the generic one. When a model cannot be loaded the
 * session goes on with the ray alone, and the ray still presses the panel's buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'
import { nextFrames, pressPanelButton } from '../helpers/xr-page.ts'

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

/** Every address the page asked for (HTTP and WebSocket) and the status of each HTTP answer. */
function recordNetwork(page: Page) {
  const requested: string[] = []
  const answered = new Map<string, number>()
  page.on('request', (r) => requested.push(r.url()))
  page.on('websocket', (ws) => requested.push(ws.url()))
  page.on('response', (r) => answered.set(new URL(r.url()).pathname, r.status()))
  return { requested, answered }
}

/**
 * Addresses not on the page's origin. `data:` URLs are inline bytes, not requests; a `blob:` URL's
 * origin is the page that made it; a WebSocket counts as its HTTP origin.
 */
function elsewhere(requested: readonly string[], pageUrl: string): string[] {
  const { origin } = new URL(pageUrl)
  return requested.filter((u) => !u.startsWith('data:') && new URL(u.replace(/^ws/, 'http')).origin !== origin)
}

async function enterVr(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Enter VR' }).click()
  await page.waitForFunction(
    () =>
      window
        .atrium!.xr.getState()
        .inputSourceStates.filter((s) => s.type === 'controller')
        .map((s) => s.inputSource.handedness)
        .sort()
        .join() === 'left,right',
    undefined,
    { timeout: 20_000 },
  )
}

/** The models of `kind` drawn in the scene, as `handedness:meshes` (only visible ones in the scene). */
const shownModels = (page: Page, kind: 'controller' | 'hand') =>
  page.evaluate(
    (kind) =>
      window
        .atrium!.xrModels()
        .filter((m) => m.kind === kind && m.inScene && m.visible && m.meshes > 0)
        .map((m) => m.handedness)
        .sort()
        .join(),
    kind,
  )

describe('a headset shows controller and hand models from our own server', () => {
  it('draws both Quest controllers, then both hands, all loaded from the page origin', async () => {
    const session = await createSession(server.url, { title: 'Anatomy' })
    const { page } = await browser.newPerson()
    const net = recordNetwork(page)
    await joinThroughUi(page, `${session.links.teacher}&xr-emulator=scripted`, 'Ms. Li', {
      until: 'drawing',
      timeout: 30_000,
    })
    await enterVr(page)

    await expect.poll(() => shownModels(page, 'controller'), { timeout: 20_000 }).toBe('left,right')
    for (const side of ['left', 'right']) {
      expect(net.answered.get(`/xr/profiles/meta-quest-touch-plus/${side}.glb`), side).toBe(200)
    }

    // Controllers put down: the headset tracks the hands instead.
    await page.evaluate(() => (window.atrium!.xrDevice()!.primaryInputMode = 'hand'))
    await expect.poll(() => shownModels(page, 'hand'), { timeout: 20_000 }).toBe('left,right')
    for (const side of ['left', 'right']) {
      expect(net.answered.get(`/xr/profiles/generic-hand/${side}.glb`), side).toBe(200)
    }
    await nextFrames(page, 3)

    expect(net.requested.length).toBeGreaterThan(0)
    expect(elsewhere(net.requested, page.url())).toEqual([])
  })

  it('draws the generic controller for a controller our profile list does not know', async () => {
    const session = await createSession(server.url, { title: 'Zoology' })
    const { page } = await browser.newPerson()
    const net = recordNetwork(page)
    // A headset newer than the installed profiles: none of its controller's ids are in the list.
    const unknown = ['meta-quest-touch-plus', 'oculus-touch-v3', 'oculus-touch', 'generic-trigger-squeeze-thumbstick']
    await page.route('**/xr/profiles/profilesList.json', async (route) => {
      const response = await route.fetch()
      const list = (await response.json()) as Record<string, unknown>
      for (const id of unknown) delete list[id]
      await route.fulfill({ response, json: list })
    })
    await joinThroughUi(page, `${session.links.teacher}&xr-emulator=scripted`, 'Ms. Li', {
      until: 'drawing',
      timeout: 30_000,
    })
    await enterVr(page)
    await expect.poll(() => shownModels(page, 'controller'), { timeout: 20_000 }).toBe('left,right')
    for (const side of ['left', 'right']) {
      expect(net.answered.get(`/xr/profiles/generic-trigger/${side}.glb`), side).toBe(200)
    }
    expect([...net.answered.keys()].filter((p) => p.includes('meta-quest-touch-plus'))).toEqual([])
  })

  it('goes on with the ray when a controller model cannot be loaded', async () => {
    const session = await createSession(server.url, { title: 'Botany' })
    const { page } = await browser.newPerson()
    // The model files are lost on the way (their layouts still arrive).
    await page.route('**/xr/profiles/meta-quest-touch-plus/*.glb', (route) => route.fulfill({ status: 404 }))
    await joinThroughUi(page, `${session.links.teacher}&xr-emulator=scripted`, 'Ms. Li', {
      until: 'drawing',
      timeout: 30_000,
    })
    await enterVr(page)
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            window
              .atrium!.xrModels()
              .filter((m) => m.kind === 'controller' && m.meshes === 0)
              .map((m) => m.handedness)
              .sort()
              .join(),
          ),
        { timeout: 20_000 },
      )
      .toBe('left,right')
    await nextFrames(page, 5)
    expect(await page.evaluate(() => window.atrium!.xr.getState().session !== undefined)).toBe(true)

    // The ray still works: its panel button leaves VR.
    await pressPanelButton(page, 'exit')
    await page.getByRole('button', { name: 'Enter VR' }).waitFor({ timeout: 10_000 })
  })
})
