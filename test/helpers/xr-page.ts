/** Driving the emulated headset (`?xr-emulator=scripted`) of a test page through `window.atrium`. */
import type { Page } from 'playwright-core'
import type { XrButton } from '../../client/xr/xr-panel-layout.ts'

/** Waits until the 3D view has drawn `n` more frames. */
export async function nextFrames(page: Page, n: number): Promise<void> {
  const from = await page.evaluate(() => window.atrium!.frames)
  await page.waitForFunction((f) => window.atrium!.frames >= f, from + n, { timeout: 10_000 })
}

/** Points the right controller at a panel button from 0.4 m in front, then pulls and releases the trigger. */
export async function pressPanelButton(page: Page, id: XrButton): Promise<void> {
  await page.evaluate((id) => {
    const [x, y, z] = window.atrium!.xrButton(id)
    const right = window.atrium!.xrDevice()!.controllers.right!
    right.position.set(x, y, z + 0.4)
    right.quaternion.set(0, 0, 0, 1)
  }, id)
  await nextFrames(page, 3)
  for (const v of [1, 0] as const) {
    await page.evaluate((v) => window.atrium!.xrDevice()!.controllers.right!.updateButtonValue('trigger', v), v)
    await nextFrames(page, 3)
  }
}
