/**
 * A learner adds a picture from the board's toolbar: it appears on everyone's page as an image
 * item, drawn from the uploaded file, and is selected so the keyboard moves it right away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { makePdf, makePng } from '../helpers/board-fixtures.ts'
import { boardItems, joinAndOpenBoard } from '../helpers/board-page.ts'

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

/** The colour of the board page's pixel at a page point (default page, 1600 × 900). */
const pixelAt = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([x, y]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.board-page')!
      const px = Math.floor((x! / 1600) * canvas.width)
      const py = Math.floor((y! / 900) * canvas.height)
      return [...canvas.getContext('2d')!.getImageData(px, py, 1, 1).data.slice(0, 3)]
    },
    [x, y],
  )

describe('pictures on a board', () => {
  it('a picture added from the toolbar shows for everyone and moves with the arrow keys', async () => {
    const session = await createSession(server.url, { title: 'Biology' })
    const learner = await browser.newPerson()
    const teacher = await browser.newPerson()
    await joinAndOpenBoard(learner.page, session.links.learner, 'Wang Fang')
    await joinAndOpenBoard(teacher.page, session.links.teacher, 'Ms. Li')
    const picture = learner.page.getByLabel('Add a picture (PNG or JPEG)')

    // A PDF is no picture: a sentence, and nothing is added.
    await picture.setInputFiles({
      name: 'cell.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await makePdf(1)),
    })
    await expect
      .poll(() => learner.page.getByRole('status').filter({ hasText: 'not added' }).innerText(), { timeout: 15_000 })
      .toBe('The picture was not added: Only PNG and JPEG pictures can be placed on a board.')
    expect(await boardItems(learner.page)).toEqual([])

    const green = makePng(400, 300, [30, 160, 70])
    await picture.setInputFiles({ name: 'cell.png', mimeType: 'image/png', buffer: Buffer.from(green) })
    // Centred on the 1600 × 900 page at its own size (under 40% of the page each way).
    await expect
      .poll(async () => (await boardItems(teacher.page)).map((i) => [i.kind, i.geom]), { timeout: 15_000 })
      .toEqual([['image', { x: 600, y: 300, w: 400, h: 300 }]])
    for (const { page } of [learner, teacher]) {
      await expect.poll(() => pixelAt(page, 800, 450), { timeout: 15_000 }).toEqual([30, 160, 70])
      expect(await pixelAt(page, 580, 450)).toEqual([255, 255, 255])
    }

    await expect.poll(() => learner.page.getByTestId('board-selection').innerText()).toMatch(/^Selected: Picture/)
    await learner.page.getByRole('region', { name: 'Whiteboard' }).focus()
    await learner.page.keyboard.press('ArrowLeft')
    await learner.page.keyboard.press('ArrowLeft')
    await expect
      .poll(async () => (await boardItems(teacher.page)).map((i) => (i.geom && 'x' in i.geom ? i.geom.x : undefined)), {
        timeout: 10_000,
      })
      .toEqual([580])
    await expect.poll(() => pixelAt(teacher.page, 585, 450), { timeout: 10_000 }).toEqual([30, 160, 70])
    await learner.context.close()
    await teacher.context.close()
  })
})
