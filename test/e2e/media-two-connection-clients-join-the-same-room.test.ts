/**
 * A learner whose app uses LiveKit's classic `/rtc` path (two peer connections: the client
 * publishes on one, the server offers everything it receives on the other) shares a room with
 * browsers on the default `/rtc/v1` path. The classic client here is the unmodified
 * livekit-client with `singlePeerConnection: false`, the same path native mobile, Unity, Python
 * and Rust SDKs take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataPacket_Kind, RoomServiceClient, TrackSource } from 'livekit-server-sdk'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { embeddedSfuKeys } from '../helpers/tokens.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import {
  lkConnect,
  lkEvents,
  lkFramesGrow,
  lkSendText,
  lkVideoStats,
  livekitPage,
  teacherAndLearner,
  type LkPage,
} from '../helpers/livekit-page.ts'

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

const TWO_CONNECTIONS = { singlePeerConnection: false }

/** livekit-client's own word on how it is connected: 'subscriber-primary' (two) or 'publisher-only' (one). */
const connectionMode = (p: LkPage) => p.page.evaluate(() => (window as any).lkRoom.engine.pcManager.mode as string)

/** How the server holds a participant: the signalling path it came in on. */
async function serverPath(sessionId: string, identity: string): Promise<string | undefined> {
  return (await server.atrium.sfu!.participant(`atrium-${sessionId}`, identity))?.path
}

/** The codec of a page's video stream on one of its connections, from its own stats. */
function videoCodec(
  p: LkPage,
  connection: 'publisher' | 'subscriber',
  type: 'inbound-rtp' | 'outbound-rtp',
): Promise<{ mimeType: string; fmtp: string }> {
  return p.page.evaluate(
    async ({ connection, type }) => {
      const stats: RTCStatsReport = await (window as any).lkRoom.engine.pcManager[connection].getStats()
      let found = { mimeType: '', fmtp: '' }
      stats.forEach((r: any) => {
        if (r.type !== type || r.kind !== 'video' || !r.codecId) return
        const c = stats.get(r.codecId)
        found = { mimeType: c?.mimeType ?? '', fmtp: c?.sdpFmtpLine ?? '' }
      })
      return found
    },
    { connection, type },
  )
}

async function framesGrow(p: LkPage, from: string): Promise<void> {
  const frames = async () => (await lkVideoStats(p)).find((v) => v.from === from)?.frames ?? 0
  const first = await frames()
  await new Promise((r) => setTimeout(r, 2000))
  expect(await frames()).toBeGreaterThan(first + 10)
}

describe('clients on the classic two-connection path', () => {
  it('publish camera and microphone that a single-connection browser decodes; data, mute and leave cross both ways', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
    const classic = await livekitPage(browser, server.url)
    const modern = await livekitPage(browser, server.url)
    await lkConnect(classic, teacher, TWO_CONNECTIONS)
    await lkConnect(modern, learner)
    expect(await connectionMode(classic)).toBe('subscriber-primary')
    expect(await connectionMode(modern)).toBe('publisher-only')
    expect(await serverPath(s.id, teacher.participant.identity)).toBe('/rtc')
    expect(await serverPath(s.id, learner.participant.identity)).toBe('/rtc/v1')

    await classic.page.evaluate(async () => {
      const lp = (window as any).lkRoom.localParticipant
      await lp.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
      await lp.setMicrophoneEnabled(true)
    })
    await expect
      .poll(async () => (await lkEvents(modern, 'trackSubscribed')).map((e) => `${e.kind}:${e.from}`).sort(), {
        timeout: 20_000,
      })
      .toEqual([`audio:${teacher.participant.identity}`, `video:${teacher.participant.identity}`])
    await expect
      .poll(async () => (await lkVideoStats(modern))[0]?.width ?? 0, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(640)
    await framesGrow(modern, teacher.participant.identity)

    // Data both ways, each stamped by the server with its sender's identity.
    await lkSendText(classic, 'hello from two connections', 'chat')
    await expect
      .poll(async () => (await lkEvents(modern, 'dataReceived'))[0])
      .toMatchObject({ text: 'hello from two connections', from: teacher.participant.identity, topic: 'chat' })
    await lkSendText(modern, 'hello from one connection', 'chat')
    await expect
      .poll(async () => (await lkEvents(classic, 'dataReceived'))[0])
      .toMatchObject({ text: 'hello from one connection', from: learner.participant.identity, topic: 'chat' })

    await classic.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(false))
    await expect
      .poll(async () => (await lkEvents(modern, 'trackMuted')).map((e) => e.kind), { timeout: 10_000 })
      .toEqual(['audio'])

    await classic.close()
    await expect
      .poll(async () => (await lkEvents(modern, 'participantDisconnected')).map((e) => e.who), { timeout: 10_000 })
      .toEqual([teacher.participant.identity])
    await modern.close()
  })

  it('receive what a single-connection browser publishes, before and after they joined; its mute and leave too', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Li Lei')
    const modern = await livekitPage(browser, server.url)
    const classic = await livekitPage(browser, server.url)
    await lkConnect(modern, teacher)
    await modern.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))

    // The microphone was live before the classic client joined: it rides on the first offer.
    await lkConnect(classic, learner, TWO_CONNECTIONS)
    expect(await connectionMode(classic)).toBe('subscriber-primary')
    await expect
      .poll(async () => (await lkEvents(classic, 'trackSubscribed')).map((e) => `${e.kind}:${e.from}`), {
        timeout: 20_000,
      })
      .toEqual([`audio:${teacher.participant.identity}`])

    // A camera published later reaches the classic client through a new server offer.
    await modern.page.evaluate(() =>
      (window as any).lkRoom.localParticipant.setCameraEnabled(true, {
        resolution: { width: 640, height: 480, frameRate: 20 },
      }),
    )
    await expect
      .poll(async () => (await lkEvents(classic, 'trackSubscribed')).map((e) => e.kind).sort(), { timeout: 20_000 })
      .toEqual(['audio', 'video'])
    await expect
      .poll(async () => (await lkVideoStats(classic))[0]?.width ?? 0, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(640)
    await framesGrow(classic, teacher.participant.identity)

    // The audio is heard, not only announced.
    await expect
      .poll(
        () =>
          classic.page.evaluate(async () => {
            const sub = (window as any).lkRoom.engine.pcManager.subscriber
            const stats: RTCStatsReport = await sub.getStats()
            let samples = 0
            stats.forEach((r: any) => {
              if (r.type === 'inbound-rtp' && r.kind === 'audio') samples += r.totalSamplesReceived ?? 0
            })
            return samples
          }),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(48_000)

    // Data reaches a classic client that never published: on the server's own channels.
    await lkSendText(modern, 'to a listener', 'chat')
    await expect
      .poll(async () => (await lkEvents(classic, 'dataReceived'))[0])
      .toMatchObject({ text: 'to a listener', from: teacher.participant.identity, topic: 'chat' })
    expect(await classic.page.evaluate(() => (window as any).lkRoom.engine.dataChannels.hasPublisherChannels)).toBe(
      false,
    )

    await modern.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(false))
    await expect
      .poll(async () => (await lkEvents(classic, 'trackMuted')).map((e) => e.kind), { timeout: 10_000 })
      .toEqual(['audio'])

    await modern.close()
    await expect
      .poll(async () => (await lkEvents(classic, 'participantDisconnected')).map((e) => e.who), { timeout: 10_000 })
      .toEqual([teacher.participant.identity])
    await classic.close()
  })

  it('are moderated like anyone: speaking seen, muted, sent data, microphone taken away and removed through the RoomService', async () => {
    const s = await createSession(server.url)
    const room = `atrium-${s.id}`
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const ann = learner.participant.identity
    const classic = await livekitPage(browser, server.url)
    const console_ = await livekitPage(browser, server.url)
    await lkConnect(classic, learner, TWO_CONNECTIONS)
    await lkConnect(console_, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'))
    await classic.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))

    // The fake microphone beeps: the teacher's page lists Ann among the active speakers.
    const speakers = async () =>
      ((await lkEvents(console_, 'activeSpeakersChanged')).at(-1)?.speakers as string[] | undefined) ?? []
    await expect.poll(speakers, { timeout: 15_000 }).toContain(ann)

    const mic = (await rooms.getParticipant(room, ann)).tracks.find((t) => t.source === TrackSource.MICROPHONE)!
    expect(mic).toBeDefined()
    expect((await rooms.mutePublishedTrack(room, ann, mic.sid, true))?.muted).toBe(true)
    await expect
      .poll(() =>
        classic.page.evaluate(() => (window as any).lkRoom.localParticipant.getTrackPublication('microphone')?.isMuted),
      )
      .toBe(true)
    await expect.poll(async () => (await lkEvents(console_, 'trackMuted')).length).toBeGreaterThan(0)
    await expect.poll(speakers, { timeout: 15_000 }).toEqual([])

    await rooms.sendData(room, new TextEncoder().encode('from the console'), DataPacket_Kind.RELIABLE, {
      destinationIdentities: [ann],
      topic: 'console',
    })
    await expect
      .poll(async () => (await lkEvents(classic, 'dataReceived'))[0])
      .toMatchObject({ text: 'from the console', topic: 'console' })

    await rooms.updateParticipant(room, ann, {
      permission: {
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
        canPublishSources: [TrackSource.CAMERA],
      },
    })
    await expect
      .poll(() =>
        classic.page.evaluate(() => (window as any).lkRoom.localParticipant.getTrackPublication('microphone') ?? null),
      )
      .toBeNull()

    await rooms.removeParticipant(room, ann)
    await expect.poll(async () => (await lkEvents(classic, 'disconnected')).length).toBe(1)
    await expect
      .poll(async () => (await lkEvents(console_, 'participantDisconnected')).map((e) => e.who))
      .toEqual([ann])
    await classic.close()
    await console_.close()
  })

  it('recover by themselves after their signal socket drops, as subscriber and as publisher', async () => {
    const {
      session: s,
      teacher: publisher,
      learner: subscriber,
      teacherJoin: teacher,
      learnerJoin: learner,
    } = await teacherAndLearner(browser, server.url, { teacherRoom: TWO_CONNECTIONS, learnerRoom: TWO_CONNECTIONS })
    await publisher.page.evaluate(() => (window as any).lkRoom.localParticipant.setCameraEnabled(true))
    const from = teacher.participant.identity
    await expect
      .poll(async () => (await lkVideoStats(subscriber))[0]?.frames ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(5)

    for (const [page, identity] of [
      [subscriber, learner.participant.identity],
      [publisher, teacher.participant.identity],
    ] as const) {
      expect(await server.atrium.sfu!.dropSignal(`atrium-${s.id}`, identity)).toBe(true)
      await expect.poll(async () => (await lkEvents(page, 'reconnected')).length, { timeout: 20_000 }).toBe(1)
      // Back on the classic path, with media flowing again.
      expect(await serverPath(s.id, identity)).toBe('/rtc')
      await lkFramesGrow(subscriber, from)
    }
    await publisher.close()
    await subscriber.close()
  })

  it('include livekit-client falling back from /rtc/v1 with its default options', async () => {
    const s = await createSession(server.url)
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const fallback = await livekitPage(browser, server.url)
    // What the client does when `/rtc/v1` is missing (its validate answers 404): rejoin on `/rtc`.
    await fallback.page.evaluate(() => {
      ;(window as any).lkBeforeConnect = (room: any) => room.engine.failNextV1Path()
    })
    await lkConnect(fallback, learner)
    expect(await connectionMode(fallback)).toBe('subscriber-primary')
    expect(await serverPath(s.id, learner.participant.identity)).toBe('/rtc')
    const modern = await livekitPage(browser, server.url)
    await lkConnect(modern, teacher)
    await modern.page.evaluate(() => (window as any).lkRoom.localParticipant.setCameraEnabled(true))
    await expect
      .poll(async () => (await lkVideoStats(fallback))[0]?.frames ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(5)
    await fallback.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))
    await expect
      .poll(async () => (await lkEvents(modern, 'trackSubscribed')).map((e) => `${e.kind}:${e.from}`), {
        timeout: 20_000,
      })
      .toEqual([`audio:${learner.participant.identity}`])
    await fallback.close()
    await modern.close()
  })

  it('receive a camera sent in H.264 in H.264, with the profile it was published in', async () => {
    const s = await createSession(server.url)
    const modern = await livekitPage(browser, server.url)
    const classic = await livekitPage(browser, server.url)
    await lkConnect(modern, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'), {
      publishDefaults: { simulcast: false, videoCodec: 'h264' },
    })
    await lkConnect(classic, await joinAs(server.url, s.id, s.invites.learner, 'Ann'), TWO_CONNECTIONS)
    await modern.page.evaluate(() =>
      (window as any).lkRoom.localParticipant.setCameraEnabled(true, {
        resolution: { width: 640, height: 480, frameRate: 20 },
      }),
    )
    await expect
      .poll(async () => (await lkVideoStats(classic))[0]?.frames ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(20)
    const sent = await videoCodec(modern, 'publisher', 'outbound-rtp')
    const received = await videoCodec(classic, 'subscriber', 'inbound-rtp')
    expect(sent.mimeType).toBe('video/H264')
    expect(received.mimeType).toBe('video/H264')
    const profile = (fmtp: string) => /profile-level-id=([0-9a-f]{4})/i.exec(fmtp)?.[1]?.toLowerCase()
    expect(profile(received.fmtp)).toBeDefined()
    expect(profile(received.fmtp)).toBe(profile(sent.fmtp))
    await modern.close()
    await classic.close()
  })
})
