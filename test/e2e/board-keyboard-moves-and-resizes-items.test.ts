/**
 * Without a pointer: ] and [ pick the items of the page one by one (announced to screen readers),
 * arrow keys move the picked one, Shift with arrow keys resizes it, Delete removes it, Escape lets
 * go; everyone sees each change. In Chinese too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { itemsOf, readItem } from '#common/collab/board-doc.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'
import { boardItems, clickAt, joinAndOpenBoard } from '../helpers/board-page.ts'

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

/** Geometry to 1/100 of a page unit (mouse positions carry float noise). */
const round = (g: object) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Math.round(v * 100) / 100]))

describe('keyboard work on board items', () => {
  it('selects, moves, resizes and removes shapes and notes by keys alone, seen by others', async () => {
    const session = await createSession(server.url, { title: 'Geometry' })
    const watcher = await joinAs(server.url, session.id, session.invites.learner, 'Watcher')
    const boards = connectDoc(watcher, 'boards', new Y.Doc())
    await waitSynced(boards)
    const geomOf = (kind: string) => {
      for (const [id, map] of itemsOf(boards.doc)) {
        const item = readItem(id, map)
        if (item?.kind === kind && 'geom' in item) return round(item.geom)
      }
      return undefined
    }

    const { context, page } = await browser.newPerson()
    await joinAndOpenBoard(page, session.links.teacher, 'Ms. Li')
    await page.getByRole('button', { name: 'Rectangle' }).click()
    await clickAt(page, 200, 200, [400, 300])
    await page.getByLabel('Text to place').fill('Note')
    await page.getByRole('button', { name: 'Sticky note' }).click()
    await clickAt(page, 800, 400)
    await until(() => itemsOf(boards.doc).size === 2, 10_000, 'both items at the watcher')
    expect(geomOf('rect')).toEqual({ x: 200, y: 200, w: 200, h: 100 })

    const region = page.getByRole('region', { name: 'Whiteboard' })
    const announced = () => page.getByTestId('board-selection').innerText()
    await region.focus()
    expect(await announced()).toMatch(/^Nothing selected/)
    await page.keyboard.press(']')
    await expect.poll(announced).toMatch(/^Selected: Rectangle/)
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowUp')
    await until(() => geomOf('rect')?.x === 230 && geomOf('rect')?.y === 190, 10_000, 'the move at the watcher')
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowLeft')
    await until(() => geomOf('rect')?.h === 120, 10_000, 'the resize at the watcher')
    expect(geomOf('rect')).toEqual({ x: 230, y: 190, w: 190, h: 120 })

    // Each key press is its own undo step.
    await page.keyboard.press('Control+z')
    await until(() => geomOf('rect')?.w === 200, 10_000, 'the undo at the watcher')

    await page.keyboard.press(']')
    await expect.poll(announced).toMatch(/^Selected: Sticky note Note\./)
    await page.keyboard.press('Delete')
    await until(() => itemsOf(boards.doc).size === 1, 10_000, 'the removal at the watcher')
    await expect.poll(announced).toMatch(/^Nothing selected/)
    await page.keyboard.press('[')
    await expect.poll(announced).toMatch(/^Selected: Rectangle/)
    await page.keyboard.press('Escape')
    await expect.poll(announced).toMatch(/^Nothing selected/)
    await page.keyboard.press('ArrowRight')
    // Escape let go: the arrow key moved nothing, and the board view is still open.
    expect((await boardItems(page)).map((i) => round(i.geom!))).toEqual([{ x: 230, y: 190, w: 200, h: 120 }])
    await expect.poll(() => region.count()).toBe(1)
    await context.close()

    // The same in Chinese.
    const zh = await browser.newPerson({ locale: 'zh-CN' })
    await zh.page.goto(session.links.learner)
    await zh.page.getByRole('button', { name: '加入' }).waitFor()
    await zh.page.getByLabel('你的名字').fill('王芳')
    await zh.page.getByRole('button', { name: '加入' }).click()
    await zh.page.getByRole('button', { name: '打开白板' }).click()
    await zh.page.getByRole('region', { name: '白板' }).focus()
    await zh.page.keyboard.press(']')
    await expect.poll(() => zh.page.getByTestId('board-selection').innerText()).toMatch(/^已选中：矩形/)
    boards.destroy()
    await zh.context.close()
  })
})
