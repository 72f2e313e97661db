/**
 * Lab work in breakout groups becomes learning records: the teacher splits two learners into
 * groups on the DC circuit; each group has its own lab, so when Ann closes her group's switch
 * (completing "Close the switch" and, at 6 V and 10 Ω, "Measure the current") Bo's circuit stays
 * open. Ann's two steps are in the lab records and her learning record, each with her group, in
 * the session report and in the CSV the teacher downloads; Bo has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { joinThroughUi, openBreakoutGroups } from '../helpers/app-page.ts'

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

const place = (page: Page) => page.evaluate(() => window.atrium!.place())
const switchOf = (page: Page) => page.getByRole('switch', { name: 'Switch closed' })
const stepState = (page: Page, step: string) => page.locator(`[data-step="${step}"]`).getAttribute('data-state')
const asAdmin = () => ({ authorization: `Bearer ${server.adminToken}` })

describe('lab steps in breakout groups', () => {
  it("reach the learner's learning record: lab records, report and CSV", async () => {
    const s = await createSession(server.url, { title: 'Circuits in groups', scene: 'dc-circuit' })
    const teacher = await browser.newPerson()
    const ann = await browser.newPerson()
    const bo = await browser.newPerson()
    await joinThroughUi(teacher.page, s.links.teacher, 'Ms. Li')
    await joinThroughUi(ann.page, s.links.learner, 'Ann')
    await joinThroughUi(bo.page, s.links.learner, 'Bo')
    await teacher.page.getByRole('tab', { name: /^Teacher/ }).click()
    await expect.poll(() => teacher.page.getByRole('button', { name: /^Mute .*Bo/ }).count()).toBe(1)

    await openBreakoutGroups(teacher.page, 2)
    for (const p of [ann.page, bo.page]) {
      await expect
        .poll(() => p.getByTestId('breakout-banner').innerText(), { timeout: 15_000 })
        .toMatch(/You are working in Group [12]\./)
    }
    const annGroup = (await place(ann.page)).breakout!.group
    expect((await place(bo.page)).breakout!.group).not.toBe(annGroup)
    await expect.poll(() => place(ann.page).then((x) => x.lab)).toBe(`session/${s.id}/group/${annGroup}/lab/dc-circuit`)

    // Ann closes her group's switch: both steps are done for her group, not for Bo's.
    await expect.poll(() => switchOf(ann.page).isEnabled(), { timeout: 15_000 }).toBe(true)
    await switchOf(ann.page).check()
    await expect.poll(() => stepState(ann.page, 'close'), { timeout: 10_000 }).toBe('done')
    await expect.poll(() => stepState(ann.page, 'measure'), { timeout: 10_000 }).toBe('done')
    await new Promise((r) => setTimeout(r, 500))
    expect(await switchOf(bo.page).isChecked()).toBe(false)
    expect(await stepState(bo.page, 'close')).not.toBe('done')

    // The lab records name her group.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/api/sessions/${s.id}/lab-steps`, { headers: asAdmin() })
          const { records } = (await res.json()) as { records: { name: string; step: string; group: string }[] }
          return records.map((r) => `${r.name}:${r.step}:${r.group}`).sort()
        },
        { timeout: 10_000 },
      )
      .toEqual([`Ann:close:${annGroup}`, `Ann:measure:${annGroup}`])

    // The report counts them for Ann only.
    const report = await fetch(`${server.url}/api/sessions/${s.id}/report`, { headers: asAdmin() })
    const { participants } = (await report.json()) as {
      participants: { identity: string; name: string; labSteps: number }[]
    }
    expect(Object.fromEntries(participants.map((p) => [p.name, p.labSteps]))).toEqual({ 'Ms. Li': 0, Ann: 2, Bo: 0 })

    // Her learning record holds both steps, each naming the group's lab it happened in.
    const annId = participants.find((p) => p.name === 'Ann')!.identity
    const records = await fetch(`${server.url}/api/sessions/${s.id}/records`, { headers: asAdmin() })
    const { events } = (await records.json()) as {
      events: { identity: string; kind: string; data: { stepId?: string; group?: string } }[]
    }
    expect(
      events
        .filter((e) => e.kind === 'lab_step')
        .map((e) => `${e.identity === annId ? 'Ann' : e.identity}:${e.data.stepId}:${e.data.group}`)
        .sort(),
    ).toEqual([`Ann:close:${annGroup}`, `Ann:measure:${annGroup}`])

    // The CSV the teacher downloads from the console says the same.
    const [download] = await Promise.all([
      teacher.page.waitForEvent('download'),
      teacher.page.getByRole('button', { name: 'Download the report (CSV)' }).click(),
    ])
    const csv = await readFile((await download.path())!, 'utf8')
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    const column = header!.split(',').indexOf('lab steps completed')
    expect(column).toBeGreaterThan(0)
    const steps = Object.fromEntries(rows.map((r) => r.split(',')).map((cells) => [cells[0], cells[column]]))
    expect(steps).toEqual({ 'Ms. Li': '0', Ann: '2', Bo: '0' })

    for (const p of [teacher, ann, bo]) await p.context.close()
  }, 240_000)
})
