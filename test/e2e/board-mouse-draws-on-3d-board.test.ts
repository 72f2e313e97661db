/**
 * In the 3D room a mouse draws on a board directly: the stroke lands where the pointer was on the
 * board, and drawing does not turn the view (a drag elsewhere looks around; on a board it writes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { inkPoints, itemsOf, readItem } from '#common/collab/board-doc.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'

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

describe('drawing on the 3D board with a mouse', () => {
  it('the stroke lands where the pointer was on the board; drawing no longer turns the view and smears the stroke', async () => {
    const session = await createSession(server.url, { title: 'Maps' })
    const watcher = await joinAs(server.url, session.id, session.invites.teacher, 'Watcher')
    const boards = connectDoc(watcher, 'boards', new Y.Doc())
    await waitSynced(boards)

    const { context, page } = await browser.newPerson()
    await page.goto(session.links.learner)
    await page.getByLabel('Your name').fill('Wang Fang')
    await page.getByRole('button', { name: 'Join' }).click()
    await page.waitForFunction(() => (window.atrium?.frames ?? 0) > 5, undefined, { timeout: 30_000 })

    const wave = Array.from({ length: 10 }, (_, i) => [500 + i * 60, 450 + Math.sin(i / 2) * 100] as const)
    const screen = await page.evaluate(
      (pts) => pts.map((p) => window.atrium!.boards().screenPoint(p.x, p.y)),
      wave.map(([x, y]) => ({ x, y })),
    )
    expect(screen.every((p) => p !== undefined)).toBe(true)
    const view = await page.evaluate(() => window.atrium!.player())

    await page.mouse.move(...screen[0]!)
    await page.mouse.down()
    for (const p of screen.slice(1)) await page.mouse.move(...p!)
    await page.mouse.up()

    await until(() => itemsOf(boards.doc).size === 1, 10_000, 'the stroke at the watcher')
    const [id, map] = [...itemsOf(boards.doc)][0]!
    expect(readItem(id, map)).toMatchObject({ kind: 'ink', page: 'board-1:first' })
    await until(() => (inkPoints(map, false)?.length ?? 0) >= wave.length, 10_000, 'every point')
    const points = inkPoints(map, false)!
    // Each point within a few page units of where the mouse was (a screen pixel is ~4 units here).
    for (const [i, [x, y]] of wave.entries()) {
      expect(Math.hypot(points[i]!.x - x, points[i]!.y - y)).toBeLessThan(12)
    }
    const after = await page.evaluate(() => window.atrium!.player())
    expect(after).toEqual(view)
    boards.destroy()
    await context.close()
  })
})
