/**
 * The laser pointer is live and never stored: others see the dot where the teacher points, through
 * the boards document's awareness, and it is gone when the button is released. The eraser removes
 * whole items, only those it touches, for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { itemsOf } from '#common/collab/board-doc.ts'
import { boardPresenceSchema } from '#common/collab/board-presence.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'
import { boardItems, clickAt, joinAndOpenBoard, screenPoint } from '../helpers/board-page.ts'

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

/** The colour of the cursor overlay at a page point (1600 × 900), transparent black where empty. */
const overlayAt = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([x, y]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.board-cursors')!
      if (canvas.width === 0) return [0, 0, 0, 0]
      const px = Math.floor((x! / 1600) * canvas.width)
      const py = Math.floor((y! / 900) * canvas.height)
      return [...canvas.getContext('2d')!.getImageData(px, py, 1, 1).data]
    },
    [x, y],
  )
const LASER = [0xef, 0x44, 0x44, 255]

describe('laser pointer and eraser', () => {
  it('the laser dot reaches others live and is never stored; a fast eraser swipe removes the thin stroke it crosses, and only that', async () => {
    const session = await createSession(server.url, { title: 'Astronomy' })
    const watcher = await joinAs(server.url, session.id, session.invites.learner, 'Watcher')
    const boards = connectDoc(watcher, 'boards', new Y.Doc())
    await waitSynced(boards)
    const lasers = () =>
      [...boards.awareness.getStates().values()]
        .map((s) => boardPresenceSchema.safeParse({ ...s, cursor: s.cursor ?? undefined }))
        .filter((r) => r.success && r.data.cursor?.laser)
        .map((r) => ({ name: r.data!.user.name, x: Math.round(r.data!.cursor!.x), y: Math.round(r.data!.cursor!.y) }))

    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await joinAndOpenBoard(teacher.page, session.links.teacher, 'Ms. Li')
    await joinAndOpenBoard(learner.page, session.links.learner, 'Wang Fang')
    const { page } = teacher

    await page.getByRole('button', { name: 'Laser pointer' }).click()
    await page.mouse.move(...(await screenPoint(page, 780, 440)))
    await page.mouse.down()
    await page.mouse.move(...(await screenPoint(page, 800, 450)))
    await expect.poll(() => overlayAt(learner.page, 800, 450), { timeout: 10_000 }).toEqual(LASER)
    await until(() => lasers().some((l) => l.name === 'Ms. Li' && Math.abs(l.x - 800) <= 2), 10_000, 'the laser')
    await page.mouse.up()
    await expect.poll(() => overlayAt(learner.page, 800, 450), { timeout: 10_000 }).not.toEqual(LASER)
    await until(() => lasers().length === 0, 10_000, 'the laser to go')
    expect(itemsOf(boards.doc).size).toBe(0)
    // The watcher's document stands for everyone from here (two rendering pages slow the input).
    await learner.context.close()

    // Two strokes; the eraser swiped across the upper one in a few far-apart moves removes it alone.
    await page.getByRole('button', { name: 'Pen', exact: true }).click()
    await clickAt(page, 200, 200, [600, 200])
    await clickAt(page, 200, 600, [600, 600])
    await until(() => itemsOf(boards.doc).size === 2, 10_000, 'both strokes')
    const lower = (await boardItems(page))[1]!.id
    await page.getByRole('button', { name: 'Eraser' }).click()
    await clickAt(page, 400, 120, [400, 280])
    await expect.poll(async () => (await boardItems(page)).map((i) => i.id), { timeout: 10_000 }).toEqual([lower])
    await until(() => itemsOf(boards.doc).size === 1 && itemsOf(boards.doc).has(lower), 10_000, 'the erase')
    boards.destroy()
    await teacher.context.close()
  })
})
