/**
 * The unmodified livekit-client in two headless Chromium pages, against Atrium's embedded SFU on
 * the same port as everything else: A publishes a fake camera and microphone; B receives both and
 * decodes 640x480 video; a data message and a mute reach B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { lkEvents, lkVideoStats, teacherAndLearner } from '../helpers/livekit-page.ts'

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

describe('live media through the embedded SFU', () => {
  it('a camera and microphone published by A are received and decoded by B', async () => {
    const {
      teacher: a,
      learner: b,
      teacherJoin: teacher,
    } = await teacherAndLearner(browser, server.url, { learnerName: 'Wang Fang' })
    await a.page.evaluate(async () => {
      const room = (window as any).lkRoom
      await room.localParticipant.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
      await room.localParticipant.setMicrophoneEnabled(true)
    })
    await expect
      .poll(async () => (await lkEvents(b, 'trackSubscribed')).map((e) => e.kind).sort(), { timeout: 20_000 })
      .toEqual(['audio', 'video'])
    await expect
      .poll(async () => (await lkVideoStats(b))[0]?.width ?? 0, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(640)
    const first = (await lkVideoStats(b))[0]!.frames
    await new Promise((r) => setTimeout(r, 2000))
    expect((await lkVideoStats(b))[0]!.frames).toBeGreaterThan(first + 10)

    // A reliable data message, with A's identity stamped by the server.
    await a.page.evaluate(() =>
      (window as any).lkRoom.localParticipant.publishData(new TextEncoder().encode('hello B'), {
        reliable: true,
        topic: 'chat',
      }),
    )
    await expect
      .poll(async () => (await lkEvents(b, 'dataReceived'))[0])
      .toMatchObject({ text: 'hello B', from: teacher.participant.identity, topic: 'chat' })

    // Mute is seen by B.
    await a.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(false))
    await expect.poll(async () => (await lkEvents(b, 'trackMuted')).length, { timeout: 10_000 }).toBe(1)
    await a.close()
    await expect.poll(async () => (await lkEvents(b, 'participantDisconnected')).length, { timeout: 10_000 }).toBe(1)
    await b.close()
  })
})
