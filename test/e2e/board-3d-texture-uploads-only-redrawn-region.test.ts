/**
 * The board in the 3D room follows others' ink by uploading only the part of its page that was
 * redrawn, and the texture on the GPU stays identical to the page, pixel for pixel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defaultPageId } from '#common/collab/board-doc.ts'
import { addItem, appendInk } from '#common/collab/board-ops.ts'
import { encodePoints } from '#common/collab/board-points.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, waitSynced } from '../helpers/collab-client.ts'

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

const uploads = (page: Page) => page.evaluate(() => window.atrium!.boards().textureUploads())

describe('the 3D board texture', () => {
  it("uploads only the redrawn region for someone else's stroke, and matches the page exactly", async () => {
    const session = await createSession(server.url, { title: 'Forces' })
    const { context, page } = await browser.newPerson()
    await page.goto(session.links.learner)
    await page.getByLabel('Your name').fill('Wang Fang')
    await page.getByRole('button', { name: 'Join' }).click()
    await page.waitForFunction(() => (window.atrium?.frames ?? 0) > 5, undefined, { timeout: 30_000 })
    await expect.poll(async () => (await uploads(page))?.full ?? 0, { timeout: 15_000 }).toBe(1)

    // The teacher, elsewhere, draws a stroke in four chunks, as a pen does.
    const teacher = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
    const boards = connectDoc(teacher, 'boards')
    await waitSynced(boards)
    const points = Array.from({ length: 40 }, (_, i) => ({ x: 200 + i * 6, y: 150 + Math.sin(i / 5) * 40 }))
    let cursor = undefined as Parameters<typeof encodePoints>[2]
    let id = ''
    for (let c = 0; c < 4; c++) {
      const chunk = encodePoints(points.slice(c * 10, c * 10 + 10), false, cursor)
      cursor = chunk.cursor
      if (c === 0) {
        const item = { kind: 'ink' as const, page: defaultPageId('board-1'), by: teacher.participant.identity }
        id = addItem(
          boards.doc,
          { ...item, style: { color: '#b91c1c', width: 6 }, pressure: false, first: chunk.bytes },
          't',
        )
      } else appendInk(boards.doc, id, chunk.bytes, 't')
      const before = (await uploads(page))!.partial
      await expect.poll(async () => (await uploads(page))!.partial, { timeout: 10_000 }).toBeGreaterThan(before)
    }

    const after = (await uploads(page))!
    expect(after.full).toBe(1)
    // Each upload was a small patch of the 1600 × 900 page (the stroke spans about 240 × 80 units).
    expect(after.lastPixels).toBeLessThan(after.canvasPixels / 20)
    expect(await page.evaluate(() => window.atrium!.boards().textureDiffering())).toBe(0)
    const inked = await page.evaluate(() => window.atrium!.boards().pixels().inked)
    expect(inked).toBeGreaterThan(500)
    boards.destroy()
    await context.close()
  })
})
