/**
 * The board's export buttons: "Save page as PNG" downloads exactly the page on screen, "Save board
 * as PDF" downloads every page of the board; both are kept in the lesson's records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { PDFDocument } from 'pdf-lib'
import { boardExportListSchema } from '#common/api/boards.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'

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

async function drawStroke(page: Page, fy: number): Promise<void> {
  const box = (await page.locator('canvas.board-page').boundingBox())!
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * fy)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + box.width * (0.2 + i * 0.04), box.y + box.height * (fy + Math.sin(i) * 0.05))
  }
  await page.mouse.up()
}

/** Saves what a button downloads; returns the file name and bytes. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.getByRole('button', { name: button }).click(),
  ])
  const stream = await file.createReadStream()
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) }
}

describe('board export buttons', () => {
  it('PNG of the page on screen and PDF of the whole board, downloaded and in the records', async () => {
    const session = await createSession(server.url, { title: 'Waves' })
    const { context, page } = await browser.newPerson()
    await page.goto(session.links.teacher)
    await page.getByLabel('Your name').fill('Ms. Li')
    await page.getByRole('button', { name: 'Join' }).click()
    await page.getByRole('button', { name: 'Open the board' }).click()
    await page.getByRole('region', { name: 'Whiteboard' }).waitFor()

    await drawStroke(page, 0.3)
    await page.getByRole('button', { name: 'Add page' }).click()
    await expect.poll(() => page.getByText('Page 2 of 2').count()).toBe(1)
    await drawStroke(page, 0.6)
    await expect.poll(() => page.evaluate(() => window.atrium!.boards().items.length)).toBe(1)
    const onScreen = await page.evaluate(() => {
      const b = window.atrium!.boards()
      return { page: b.page, ...b.pixels() }
    })

    const png = await download(page, 'Save page as PNG')
    expect(png.name).toBe(`board-1-${onScreen.page}.png`)
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    // Decoded in the browser, the file's pixels are the page's, exactly.
    const saved = await page.evaluate(async (b64) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const c = document.createElement('canvas')
      c.width = img.width
      c.height = img.height
      const ctx = c.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const { data } = ctx.getImageData(0, 0, c.width, c.height)
      let h = 0x811c9dc5
      let inked = 0
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) inked++
        h = Math.imul(h ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16)), 16777619)
      }
      return { width: c.width, height: c.height, hash: (h >>> 0).toString(16), inked }
    }, png.bytes.toString('base64'))
    expect(saved).toEqual({ width: 1600, height: 900, hash: onScreen.hash, inked: onScreen.inked })
    expect(saved.inked).toBeGreaterThan(500)
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).innerText())
      .toBe('Saved as png in the lesson records.')

    const pdf = await download(page, 'Save board as PDF')
    expect(pdf.name).toBe('board-1.pdf')
    expect((await PDFDocument.load(new Uint8Array(pdf.bytes))).getPageCount()).toBe(2)
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).innerText())
      .toBe('Saved as pdf in the lesson records.')

    // Both are in the lesson's records, with who saved them.
    const other = await joinAs(server.url, session.id, session.invites.assistant, 'Mr. Zhou')
    const res = await fetch(`${server.url}/api/sessions/${session.id}/boards/exports`, {
      headers: { authorization: `Bearer ${other.token}` },
    })
    const { exports } = boardExportListSchema.parse(await res.json())
    expect(exports.map((e) => [e.format, e.page, e.pages, e.by])).toEqual([
      ['png', onScreen.page, 1, 'Ms. Li'],
      ['pdf', null, 2, 'Ms. Li'],
    ])
    const kept = await fetch(`${server.url}/api/sessions/${session.id}/boards/exports/${exports[1]!.id}`, {
      headers: { authorization: `Bearer ${other.token}` },
    })
    expect(Buffer.from(await kept.arrayBuffer()).equals(pdf.bytes)).toBe(true)
    await context.close()
  })
})
