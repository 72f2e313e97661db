import type { Page } from 'playwright-core'

export interface CanvasStats {
  width: number
  height: number
  /** Distinct colours among sampled pixels (a blank canvas has 1). */
  distinctColours: number
  /** Share of sampled pixels that differ from the most common colour. */
  nonBackgroundShare: number
}

/**
 * Screenshots the 3D canvas and measures its pixels inside the page (no image library needed):
 * a blank or single-colour canvas is what a broken WebGL view looks like.
 */
export async function sampleCanvas(page: Page, selector = 'canvas'): Promise<CanvasStats> {
  const png = await page.locator(selector).first().screenshot({ type: 'png' })
  return page.evaluate(async (b64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${b64}`
    await img.decode()
    const c = document.createElement('canvas')
    c.width = img.width
    c.height = img.height
    const ctx = c.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const { data } = ctx.getImageData(0, 0, c.width, c.height)
    const counts = new Map<number, number>()
    let samples = 0
    for (let i = 0; i < data.length; i += 4 * 97) {
      const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!
      counts.set(key, (counts.get(key) ?? 0) + 1)
      samples++
    }
    const top = Math.max(...counts.values())
    return {
      width: c.width,
      height: c.height,
      distinctColours: counts.size,
      nonBackgroundShare: 1 - top / samples,
    }
  }, png.toString('base64'))
}
