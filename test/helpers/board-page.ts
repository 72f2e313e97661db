/** Steps the board e2e tests share: join through the UI, open the 2D board, point at the page. */
import type { Page } from 'playwright-core'
import { fillJoinForm } from './app-page.ts'

export async function joinAndOpenBoard(page: Page, link: string, name: string): Promise<void> {
  await fillJoinForm(page, link, name)
  await page.getByRole('button', { name: 'Open the board' }).click()
  await page.getByRole('region', { name: 'Whiteboard' }).waitFor()
}

/** The screen point of a page point (page units; the default page is 1600 × 900). */
export async function screenPoint(page: Page, x: number, y: number, size = [1600, 900]): Promise<[number, number]> {
  const box = (await page.locator('canvas.board-page').boundingBox())!
  return [box.x + (x / size[0]!) * box.width, box.y + (y / size[1]!) * box.height]
}

/** Presses and releases the mouse at a page point (or drags to a second one). */
export async function clickAt(page: Page, x: number, y: number, to?: [number, number]): Promise<void> {
  await page.mouse.move(...(await screenPoint(page, x, y)))
  await page.mouse.down()
  if (to) {
    for (let i = 1; i <= 5; i++) {
      await page.mouse.move(...(await screenPoint(page, x + ((to[0] - x) * i) / 5, y + ((to[1] - y) * i) / 5)))
    }
  }
  await page.mouse.up()
}

export const boardItems = (page: Page) => page.evaluate(() => window.atrium!.boards().items)
