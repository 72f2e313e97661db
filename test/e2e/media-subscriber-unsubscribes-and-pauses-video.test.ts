/**
 * livekit-client's own ways of receiving less, against the embedded SFU, behaving as against a
 * real LiveKit: `setSubscribed(false)` ends the track (TrackUnsubscribed) and no video arrives,
 * `setSubscribed(true)` brings a new one; `setEnabled(false)` keeps the track but pauses it
 * (stream state `paused`), `setEnabled(true)` resumes the same one; the RoomService's
 * UpdateSubscriptions does what `setSubscribed` does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { embeddedSfuKeys } from '../helpers/tokens.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkEvents, lkVideoStats, livekitPage, type LkPage } from '../helpers/livekit-page.ts'
import { received } from '../helpers/peer-stats.ts'

let server: TestServer
let browser: TestBrowser
let rooms: RoomServiceClient
beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser()
  const { apiKey, apiSecret } = embeddedSfuKeys(server.dataDir)
  rooms = new RoomServiceClient(server.url, apiKey, apiSecret)
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Bytes of video and audio received over `ms`. */
async function growth(p: LkPage, ms: number): Promise<{ video: number; audio: number }> {
  const a = await received(p.page)
  await sleep(ms)
  const b = await received(p.page)
  return { video: b.videoBytes - a.videoBytes, audio: b.audioBytes - a.audioBytes }
}

/** Frames decoded on the newest video element (each subscription attaches one). */
const latestFrames = async (p: LkPage) => (await lkVideoStats(p)).at(-1)?.frames ?? 0

const videoEvents = async (p: LkPage, name: string) => (await lkEvents(p, name)).filter((e) => e.kind === 'video')

/** Calls a method of the camera publication B receives. */
function onCamera(p: LkPage, method: 'setSubscribed' | 'setEnabled', value: boolean): Promise<void> {
  return p.page.evaluate(
    ({ method, value }) => {
      const teacher = [...(window as any).lkRoom.remoteParticipants.values()][0]
      teacher.getTrackPublication('camera')[method](value)
    },
    { method, value },
  )
}

async function expectVideoStops(p: LkPage): Promise<void> {
  await expect.poll(async () => (await growth(p, 1000)).video, { timeout: 10_000 }).toBe(0)
  const quiet = await growth(p, 3000)
  expect(quiet.video).toBe(0)
  expect(quiet.audio).toBeGreaterThan(1000)
}

async function expectFramesFlow(p: LkPage): Promise<void> {
  const before = await latestFrames(p)
  await expect.poll(() => latestFrames(p), { timeout: 10_000 }).toBeGreaterThan(before + 10)
}

describe('a subscriber receiving less', () => {
  it('unsubscribes, pauses and resumes a camera as livekit-client expects, itself or through the RoomService', async () => {
    const s = await createSession(server.url)
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    await lkConnect(a, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'))
    await lkConnect(b, learner)
    await a.page.evaluate(async () => {
      const room = (window as any).lkRoom
      await room.localParticipant.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
      await room.localParticipant.setMicrophoneEnabled(true)
    })
    await expect.poll(async () => (await lkEvents(b, 'trackSubscribed')).length, { timeout: 20_000 }).toBe(2)
    await expectFramesFlow(b)

    // setSubscribed(false): the track ends on B's side and its bytes stop; the voice goes on.
    await onCamera(b, 'setSubscribed', false)
    await expect.poll(async () => (await videoEvents(b, 'trackUnsubscribed')).length, { timeout: 10_000 }).toBe(1)
    await expectVideoStops(b)
    // setSubscribed(true): a new track, moving at once.
    await onCamera(b, 'setSubscribed', true)
    await expect.poll(async () => (await videoEvents(b, 'trackSubscribed')).length, { timeout: 10_000 }).toBe(2)
    await expectFramesFlow(b)

    // setEnabled(false): the same track stays subscribed, paused; nothing arrives.
    await onCamera(b, 'setEnabled', false)
    await expect
      .poll(async () => (await videoEvents(b, 'trackStreamStateChanged')).map((e) => e.state), { timeout: 10_000 })
      .toEqual(['paused'])
    await expectVideoStops(b)
    const lostBefore = (await received(b.page)).videoLost
    await onCamera(b, 'setEnabled', true)
    await expect
      .poll(async () => (await videoEvents(b, 'trackStreamStateChanged')).map((e) => e.state), { timeout: 10_000 })
      .toEqual(['paused', 'active'])
    await expectFramesFlow(b)
    // The packets held back are not a gap in what B was sent: nothing to count lost or ask for again.
    expect((await received(b.page)).videoLost - lostBefore).toBeLessThan(10)
    expect((await videoEvents(b, 'trackUnsubscribed')).length).toBe(1)

    // The RoomService unsubscribes and subscribes Ann as her own client would.
    const room = `atrium-${s.id}`
    const teacherInfo = (await rooms.listParticipants(room)).find((p) => p.identity !== learner.participant.identity)!
    const camera = teacherInfo.tracks.find((t) => t.source === TrackSource.CAMERA)!
    await rooms.updateSubscriptions(room, learner.participant.identity, [camera.sid], false)
    await expect.poll(async () => (await videoEvents(b, 'trackUnsubscribed')).length, { timeout: 10_000 }).toBe(2)
    await expectVideoStops(b)
    await rooms.updateSubscriptions(room, learner.participant.identity, [camera.sid], true)
    await expect.poll(async () => (await videoEvents(b, 'trackSubscribed')).length, { timeout: 10_000 }).toBe(3)
    await expectFramesFlow(b)

    await a.close()
    await b.close()
  })
})
