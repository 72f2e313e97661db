/**
 * Media in the hybrid classroom: the classroom PC publishes its camera and microphone by itself,
 * and a remote learner sees the physical room on the lecture hall's window and hears it. An
 * on-site learner's phone plays no session audio and sends no microphone; when the teacher lets
 * them speak, turning the microphone on asks first, because of echo in the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { joinThroughUi } from '../helpers/app-page.ts'

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

const join = (page: Page, link: string, name: string) => joinThroughUi(page, link, name, { timeout: 45_000 })

const media = (page: Page) => page.evaluate(() => window.atrium!.media())
const identityOf = (page: Page, name: string) =>
  page.evaluate((name) => window.atrium!.state().participants.find((p) => p.name === name)?.identity, name)

describe('media in the hybrid classroom', () => {
  it('shows the room camera to remote learners and keeps the on-site microphone off until confirmed', async () => {
    const session = await createSession(server.url, { title: 'Hybrid optics' })
    const room = await browser.newPerson()
    const remote = await browser.newPerson()
    const onsite = await browser.newPerson()
    await join(room.page, session.links.room, 'Room 101')
    await join(remote.page, session.links.learner, 'Grandma Wu')
    await join(onsite.page, session.links.onsite, 'Lin Tao')
    await onsite.page
      .getByRole('dialog', { name: 'Where are you sitting?' })
      .getByRole('button', { name: 'Close' })
      .click()

    // The classroom PC sends its camera and microphone without anyone pressing anything.
    await expect
      .poll(async () => (await media(room.page)).local, { timeout: 20_000 })
      .toMatchObject({ camera: true, mic: true })
    const roomId = await identityOf(remote.page, 'Room 101')
    expect(roomId).toBeTruthy()

    // The remote learner looks into the physical classroom through the window screen, and hears it.
    await expect
      .poll(async () => (await remote.page.evaluate(() => window.atrium!.screen('room-window')))?.width ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0)
    const window1 = (await remote.page.evaluate(() => window.atrium!.screen('room-window')))!
    expect(window1).toMatchObject({ identity: roomId, source: 'camera', textureUsesVideo: true })
    expect(window1.mean).toBeGreaterThan(20)
    await expect
      .poll(async () => (await remote.page.evaluate(() => window.atrium!.screen('room-window')))!.hash, {
        timeout: 10_000,
      })
      .not.toBe(window1.hash)
    await expect.poll(async () => (await media(remote.page)).playing, { timeout: 10_000 }).toContain(roomId)
    // The room is heard from the window that shows it, at full strength wherever one stands.
    await expect
      .poll(async () => {
        const v = (await media(remote.page)).voices[roomId!]
        return v && [Math.round(v.x * 10) / 10, Math.round(v.y * 10) / 10, Math.round(v.z * 10) / 10, v.rolloff]
      })
      .toEqual([9.9, 2.6, 3, 0])

    // The on-site phone: connected, but silent both ways.
    await expect.poll(async () => (await media(onsite.page)).status.kind, { timeout: 20_000 }).toBe('connected')
    await expect
      .poll(async () => (await media(onsite.page)).remotes.find((r) => r.identity === roomId)?.mic, { timeout: 10_000 })
      .toBe(true)
    const quiet = await media(onsite.page)
    expect(quiet.playAudio).toBe(false)
    expect(quiet.playing).toEqual([])
    expect(quiet.local.mic).toBe(false)
    const mic = onsite.page.getByTestId('mic')
    expect(await mic.innerText()).toBe('Microphone: not allowed yet')
    expect(await mic.isDisabled()).toBe(true)

    // The teacher lets Lin Tao speak: the button offers the microphone, and asks first.
    const teacher = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
    const linId = await identityOf(remote.page, 'Lin Tao')
    const allowed = await fetch(`${server.url}/api/sessions/${session.id}/media/participants/${linId}/speaking`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${teacher.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allowed: true }),
    })
    expect(allowed.status).toBe(200)
    await expect.poll(() => mic.innerText(), { timeout: 10_000 }).toBe('Microphone off')
    await mic.click()
    const dialog = onsite.page.getByRole('dialog', { name: 'Turn on your microphone in the classroom?' })
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('echo')
    // Escape keeps it off.
    await onsite.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect((await media(onsite.page)).local.mic).toBe(false)

    await mic.click()
    await dialog.getByRole('button', { name: 'Turn it on anyway' }).click()
    await expect.poll(async () => (await media(onsite.page)).local.mic, { timeout: 15_000 }).toBe(true)
    await expect
      .poll(async () => (await media(remote.page)).remotes.find((r) => r.identity === linId)?.mic, { timeout: 15_000 })
      .toBe(true)

    for (const p of [room, remote, onsite]) await p.context.close()
  })
})
