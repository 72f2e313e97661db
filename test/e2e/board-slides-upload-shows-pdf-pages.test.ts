/**
 * A teacher uploads a PDF through the board's toolbar: its pages become the board's pages, drawn
 * by pdfjs-dist (its worker from our own origin) as the page backgrounds, on the teacher's screen
 * and on a following learner's; a file that is no PDF gets a sentence and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { makeColourPdf } from '../helpers/board-fixtures.ts'

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

async function joinAndOpenBoard(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
  await page.getByRole('button', { name: 'Open the board' }).click()
  await page.getByRole('region', { name: 'Whiteboard' }).waitFor()
}

/** The colour of the board page's pixel at a fraction of its width and height. */
function pixel(page: Page, fx: number, fy: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([fx, fy]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.board-page')!
      const x = Math.floor(canvas.width * fx!)
      const y = Math.floor(canvas.height * fy!)
      const [r, g, b] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data
      return [r!, g!, b!] as [number, number, number]
    },
    [fx, fy],
  )
}

/** The darkest pixel of a short vertical run around a point (a thin stroke may sit a pixel off). */
function darkest(page: Page, fx: number, fy: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([fx, fy]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.board-page')!
      const x = Math.floor(canvas.width * fx!)
      const y = Math.floor(canvas.height * fy!)
      const { data } = canvas.getContext('2d')!.getImageData(x, y - 5, 1, 11)
      let best: [number, number, number] = [255, 255, 255]
      for (let i = 0; i < data.length; i += 4) {
        if (data[i]! + data[i + 1]! + data[i + 2]! < best[0] + best[1] + best[2])
          best = [data[i]!, data[i + 1]!, data[i + 2]!]
      }
      return best
    },
    [fx, fy],
  )
}

const RED: [number, number, number] = [200, 30, 40]
const BLUE: [number, number, number] = [30, 60, 200]
const WHITE: [number, number, number] = [255, 255, 255]
const INK: [number, number, number] = [0x1d, 0x23, 0x2b]
const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]!) <= 6)

describe('slides in the browser', () => {
  it('an uploaded PDF becomes the pages, its pages drawn behind the ink for teacher and learner', async () => {
    const session = await createSession(server.url, { title: 'Optics' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    const origin = new URL(server.url).origin
    const elsewhere: string[] = []
    const workers: string[] = []
    for (const { page } of [teacher, learner]) {
      page.on('request', (r) => {
        const url = r.url()
        if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) elsewhere.push(url)
        if (/pdf\.worker/.test(url)) workers.push(url)
      })
    }
    await joinAndOpenBoard(teacher.page, session.links.teacher, 'Ms. Li')
    await joinAndOpenBoard(learner.page, session.links.learner, 'Wang Fang')

    // Not a PDF, whatever its name says: a sentence, and the board keeps its one blank page.
    await teacher.page.getByLabel('Upload slides (PDF or image)').setInputFiles({
      name: 'week3.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('these are not slides'),
    })
    await expect
      .poll(() => teacher.page.getByRole('status').filter({ hasText: 'Upload failed' }).innerText(), {
        timeout: 15_000,
      })
      .toBe('Upload failed: Only PDF, PNG and JPEG files can be uploaded as slides.')
    expect(await teacher.page.evaluate(() => window.atrium!.boards().pageCount)).toBe(1)

    const pdf = await makeColourPdf([RED, BLUE])
    await teacher.page.getByLabel('Upload slides (PDF or image)').setInputFiles({
      name: 'week3.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    })
    await expect
      .poll(() => teacher.page.getByRole('status').filter({ hasText: 'Slides added' }).innerText(), { timeout: 15_000 })
      .toBe('Slides added: 2 pages.')
    await expect.poll(() => teacher.page.getByText('Page 1 of 2').count()).toBe(1)
    expect(await teacher.page.evaluate(() => window.atrium!.boards().background)).toBe('pdf')

    // The first slide: red on the left half, white on the right, for both.
    for (const { page } of [teacher, learner]) {
      await expect.poll(() => pixel(page, 0.25, 0.5), { timeout: 20_000 }).toSatisfy((p) => near(p, RED))
      expect(near(await pixel(page, 0.75, 0.5), WHITE)).toBe(true)
    }
    // The second: blue on the right; the learner follows the teacher there.
    await teacher.page.getByRole('button', { name: 'Next page' }).click()
    for (const { page } of [teacher, learner]) {
      await expect.poll(() => pixel(page, 0.75, 0.5), { timeout: 20_000 }).toSatisfy((p) => near(p, BLUE))
      expect(near(await pixel(page, 0.25, 0.5), WHITE)).toBe(true)
    }

    // Ink drawn on the slide shows over it (the partial redraw keeps the slide around the stroke).
    const box = (await teacher.page.locator('canvas.board-page').boundingBox())!
    await teacher.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5)
    await teacher.page.mouse.down()
    for (let i = 1; i <= 10; i++)
      await teacher.page.mouse.move(box.x + box.width * (0.6 + i * 0.03), box.y + box.height * 0.5)
    await teacher.page.mouse.up()
    for (const { page } of [teacher, learner]) {
      await expect.poll(() => darkest(page, 0.75, 0.5), { timeout: 10_000 }).toSatisfy((p) => near(p, INK))
      expect(near(await pixel(page, 0.75, 0.3), BLUE)).toBe(true)
    }

    // pdf.js ran its worker from this server; nothing came from anywhere else.
    expect(workers.length).toBeGreaterThan(0)
    expect(workers.every((u) => u.startsWith(`${origin}/_app/`))).toBe(true)
    expect(elsewhere).toEqual([])
    await teacher.context.close()
    await learner.context.close()
  })
})
