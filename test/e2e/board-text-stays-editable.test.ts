/**
 * Text on a board can be changed after it was placed: select it, edit its text, and everyone sees
 * the new words; one undo brings the old words back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
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

describe('editing text after placing it', () => {
  it('a placed sticky note is selected, re-worded for everyone, and one undo restores it', async () => {
    const session = await createSession(server.url, { title: 'Chemistry' })
    const teacher = await browser.newPerson()
    const learner = await browser.newPerson()
    await joinAndOpenBoard(teacher.page, session.links.teacher, 'Ms. Li')
    await joinAndOpenBoard(learner.page, session.links.learner, 'Wang Fang')
    const { page } = teacher

    await page.getByLabel('Text to place').fill('Homework: p. 12')
    await page.getByRole('button', { name: 'Sticky note' }).click()
    await clickAt(page, 400, 300)
    await expect.poll(async () => (await boardItems(learner.page)).map((i) => i.text)).toEqual(['Homework: p. 12'])

    // With the select tool, a click on the note selects it and offers its text for editing.
    await page.getByRole('button', { name: 'Move and resize' }).click()
    await clickAt(page, 450, 350)
    const editor = page.getByLabel('Text of the selected item')
    await expect.poll(() => editor.inputValue()).toBe('Homework: p. 12')
    await expect
      .poll(() => page.getByTestId('board-selection').innerText())
      .toMatch(/^Selected: Sticky note Homework: p\. 12\./)
    await editor.fill('作业：第 14 页')
    await editor.press('Tab')
    await expect.poll(async () => (await boardItems(learner.page)).map((i) => i.text)).toEqual(['作业：第 14 页'])
    // Still one note, where it was.
    expect((await boardItems(learner.page))[0]!.geom).toMatchObject({ x: 400, y: 300 })

    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(async () => (await boardItems(learner.page)).map((i) => i.text)).toEqual(['Homework: p. 12'])
    await expect.poll(() => editor.inputValue()).toBe('Homework: p. 12')
    await teacher.context.close()
    await learner.context.close()
  })
})
