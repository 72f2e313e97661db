/**
 * The hybrid lesson with four pages: the teacher, the classroom PC (room device) on the
 * projector, an on-site learner on a phone in the physical room, and a remote learner at home.
 * The room camera reaches the remote learner's window screen; the on-site phone plays and sends no
 * audio. The on-site learner takes a real seat and sits there for the remote learner; the teacher's
 * "show everyone" and spotlight move the remote learner's view; the projector shows the remote
 * learner's raised hand, her camera and her name while she speaks, and follows the console; the
 * room device comes back by itself after its network drops and after a reboot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession } from '../helpers/api.ts'
import { CloseCode } from '#common/protocol/close-codes.ts'
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

const join = (page: Page, link: string, name: string) => joinThroughUi(page, link, name, { timeout: 20_000 })

const player = (page: Page) => page.evaluate(() => window.atrium!.player())

describe('a hybrid lesson', () => {
  it('joins the physical classroom and the remote learners into one lesson', async () => {
    const session = await createSession(server.url, { title: 'Physics 101, hybrid' })
    const teacher = await browser.newPerson()
    const room = await browser.newPerson()
    const onsite = await browser.newPerson()
    const remote = await browser.newPerson()
    await join(teacher.page, session.links.teacher, 'Ms. Li')
    await join(room.page, session.links.room, 'Room 101')
    await join(onsite.page, session.links.onsite, 'Lin Tao')
    await join(remote.page, session.links.learner, 'Grandma Wu')

    // The projector: full-screen, no controls.
    await room.page.getByRole('main', { name: 'Classroom projector' }).waitFor()
    expect(await room.page.getByRole('button').count()).toBe(0)

    // The on-site learner is asked for a seat and takes row 2, seat 3 (r2c3 at x −1, z 1.2).
    const picker = onsite.page.getByRole('dialog', { name: 'Where are you sitting?' })
    await picker.getByRole('button', { name: 'Row 2, seat 3' }).click()
    await expect
      .poll(
        () =>
          remote.page.evaluate(() => {
            const a = window.atrium!.avatars().find((x) => x.name === 'Lin Tao')
            return a && { x: Math.round(a.x * 10) / 10, z: Math.round(a.z * 10) / 10, seated: a.seated }
          }),
        { timeout: 15_000 },
      )
      .toEqual({ x: -1, z: 1.2, seated: true })
    // "Who is here" says where they sit.
    await expect
      .poll(() => remote.page.getByTestId('participants').locator('li', { hasText: 'Lin Tao' }).innerText())
      .toMatch(/On-site[\s\S]*Row 2, seat 3/)
    // …and that seat is taken for the next person in the room.
    await onsite.page.getByRole('button', { name: 'My seat' }).click()
    expect(await onsite.page.getByRole('button', { name: 'Row 2, seat 3' }).getAttribute('aria-pressed')).toBe('true')
    await onsite.page.getByRole('button', { name: 'Close' }).click()

    // The remote learner sees the physical classroom through the window screen (the room camera),
    // while the on-site phone plays no session audio and sends no microphone.
    const media = (page: Page) => page.evaluate(() => window.atrium!.media())
    const roomId = await remote.page.evaluate(
      () => window.atrium!.state().participants.find((p) => p.name === 'Room 101')?.identity,
    )
    const screenOf = (page: Page, id: string) => page.evaluate((id) => window.atrium!.screen(id), id)
    await expect
      .poll(async () => (await screenOf(remote.page, 'room-window'))?.width ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(0)
    const windowView = (await screenOf(remote.page, 'room-window'))!
    expect(windowView).toMatchObject({ identity: roomId, source: 'camera' })
    await expect
      .poll(async () => (await screenOf(remote.page, 'room-window'))!.hash, { timeout: 10_000 })
      .not.toBe(windowView.hash)
    await expect.poll(async () => (await media(onsite.page)).status.kind, { timeout: 20_000 }).toBe('connected')
    await expect
      .poll(async () => (await media(onsite.page)).remotes.find((r) => r.identity === roomId)?.mic, { timeout: 15_000 })
      .toBe(true)
    const onsiteMedia = await media(onsite.page)
    expect(onsiteMedia.playing).toEqual([])
    expect(onsiteMedia.local.mic).toBe(false)

    // "Show everyone: Board 1": the remote learner's view glides to the board (x −6.6, z −7.9).
    await teacher.page.getByRole('tab', { name: /^Teacher/ }).click()
    await teacher.page.getByRole('button', { name: 'Board 1' }).click()
    await expect
      .poll(
        async () => {
          const p = await player(remote.page)
          return Math.abs(p.x + 6.6) < 0.05 && p.z > -7.9 && p.z < -2 && Math.abs(p.yaw) < 0.05
        },
        { timeout: 25_000 },
      )
      .toBe(true)
    // Looking around is allowed, and the view returns after a quiet moment.
    const canvas = remote.page.locator('.world-canvas')
    await canvas.focus()
    await remote.page.keyboard.down('q')
    await remote.page.waitForTimeout(1500)
    await remote.page.keyboard.up('q')
    expect(Math.abs((await player(remote.page)).yaw)).toBeGreaterThan(0.1)
    await expect.poll(async () => Math.abs((await player(remote.page)).yaw), { timeout: 25_000 }).toBeLessThan(0.05)

    // Spotlight on the classroom camera: the main screen is what matters, and the view goes there.
    await teacher.page.getByLabel('On the main screen').selectOption({ label: 'Classroom camera (Room 101)' })
    await expect
      .poll(
        async () => {
          const p = await player(remote.page)
          return Math.abs(p.x) < 0.05 && p.z > -7.9 && p.z < -2
        },
        { timeout: 25_000 },
      )
      .toBe(true)
    // …and the classroom camera is on the remote learner's main screen, heard at full strength.
    await expect.poll(async () => (await screenOf(remote.page, 'main'))?.identity, { timeout: 15_000 }).toBe(roomId)
    await expect.poll(async () => (await media(remote.page)).voices[roomId!]?.rolloff).toBe(0)
    // The teacher does not follow anyone.
    expect((await player(teacher.page)).z).toBeCloseTo(-5, 0)

    // The remote learner's raised hand is on the projector.
    await remote.page.getByRole('button', { name: 'Raise hand' }).click()
    await expect
      .poll(() => room.page.getByTestId('projector-hands').innerText(), { timeout: 10_000 })
      .toContain('Grandma Wu')

    // The console switches the projector to the board; a key on the PC switches it back.
    await teacher.page.getByLabel('The classroom projector shows').selectOption('board')
    await expect.poll(() => room.page.getByRole('main').getAttribute('data-view')).toBe('board')
    await room.page.keyboard.press('1')
    await expect.poll(() => room.page.getByRole('main').getAttribute('data-view')).toBe('room')

    // The remote learner turns on camera and microphone. On the projector the camera is a tile over
    // the room and in "everyone at home" (key 4); while she speaks, her name is on the screen.
    await remote.page.getByRole('button', { name: 'Camera off' }).click()
    await remote.page.getByRole('button', { name: 'Microphone off' }).click()
    const tileWidth = (list: string) =>
      room.page.evaluate(
        (list) =>
          document.querySelector<HTMLVideoElement>(`[data-testid="${list}"] video[aria-label="Grandma Wu"]`)
            ?.videoWidth ?? 0,
        list,
      )
    await expect.poll(() => tileWidth('projector-cameras'), { timeout: 30_000 }).toBeGreaterThan(0)
    await room.page.keyboard.press('4')
    await expect.poll(() => room.page.getByRole('main').getAttribute('data-view')).toBe('gallery')
    await expect.poll(() => tileWidth('projector-gallery'), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect
      .poll(() => room.page.getByTestId('projector-speaker').textContent(), { timeout: 20_000 })
      .toBe('Speaking: Grandma Wu')

    // Network cut: the projector says so in large letters, and recovers by itself. (Going offline
    // stops new connections only, so the server also drops the PC's open ones.)
    await room.context.setOffline(true)
    const roomConn = [...server.atrium.collab.connectionsOf(`session/${session.id}/control`)].find(
      (c) => c.user.name === 'Room 101',
    )!
    server.atrium.collab.disconnect(session.id, roomConn.user.identity, CloseCode.GoingAway, 'network cut (test)')
    await expect
      .poll(() => room.page.locator('.projector-status').getAttribute('class'), { timeout: 20_000 })
      .toContain('loud')
    await room.context.setOffline(false)
    await expect
      .poll(() => room.page.locator('[data-status]').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('connected')
    await expect.poll(() => room.page.getByTestId('projector-hands').innerText()).toContain('Grandma Wu')

    // A reboot: opening Atrium's address again takes the PC straight back in, nobody typing.
    await room.page.goto(server.url)
    await room.page.getByRole('main', { name: 'Classroom projector' }).waitFor({ timeout: 20_000 })
    await expect
      .poll(() => room.page.getByTestId('projector-hands').innerText(), { timeout: 15_000 })
      .toContain('Grandma Wu')
    // Four pages now also run live media (the PC's camera and microphone reach three others):
    // on the shared two-core test machine this takes 130–170 s instead of about 90 s.
  }, 240_000)
})
