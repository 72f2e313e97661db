/**
 * A learner whose app is built on LiveKit's native SDK (the Rust SDK through @livekit/rtc-node; the
 * Python and Unity SDKs run on the same core) joins a class on the embedded SFU beside a teacher in
 * Chromium: each sees and hears the other, text goes both ways with the sender stamped by the
 * server, the app resumes after its signal connection drops, the teacher's mute reaches the
 * native app, and its leaving reaches the teacher. The teacher's moderation (livekit-server-sdk's
 * RoomServiceClient, as Atrium's own) mutes and removes such a learner as it does a browser.
 *
 * The native SDK offers its camera with simulcast (two layers by rid, no SSRC in the offer); the
 * SFU declines simulcast and finds the one stream it then gets by its MID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SimulateScenarioKind, TrackSource, dispose } from '@livekit/rtc-node'
import { RoomServiceClient, TrackSource as ServerTrackSource } from 'livekit-server-sdk'
import { embeddedSfuKeys } from '../helpers/tokens.ts'
import type { Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkEvents, lkFramesGrow, lkVideoStats, livekitPage } from '../helpers/livekit-page.ts'
import { NativeParticipant } from '../helpers/native-participant.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
  await dispose()
})

/** Audio packets the page has received from `from`'s microphone, and the level the SFU reports for them. */
function heardFrom(page: Page, from: string): Promise<{ packets: number; level: number }> {
  return page.evaluate(async (from) => {
    const p = (window as any).lkRoom.getParticipantByIdentity(from)
    const track = p?.getTrackPublication('microphone')?.track
    if (!track) return { packets: 0, level: 0 }
    let packets = 0
    ;(await track.receiver.getStats()).forEach((s: any) => {
      if (s.type === 'inbound-rtp') packets = s.packetsReceived ?? 0
    })
    return { packets, level: p.audioLevel as number }
  }, from)
}

describe('a learner on a native LiveKit SDK', () => {
  it.each([
    { path: '/rtc/v1', singlePeerConnection: true, connections: 'one' },
    { path: '/rtc', singlePeerConnection: false, connections: 'two' },
  ])('on $path: sees and hears the teacher in Chromium, and is seen, heard and read by her', async (o) => {
    const session = await createSession(server.url)
    const teacherJoin = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
    const learnerJoin = await joinAs(server.url, session.id, session.invites.learner, 'Zhang Wei')
    const teacherId = teacherJoin.participant.identity
    const learnerId = learnerJoin.participant.identity

    const teacher = await livekitPage(browser, server.url)
    await lkConnect(teacher, teacherJoin)
    await teacher.page.evaluate(async () => {
      const lp = (window as any).lkRoom.localParticipant
      await lp.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
      await lp.setMicrophoneEnabled(true)
    })

    const learner = await NativeParticipant.join(learnerJoin, { singlePeerConnection: o.singlePeerConnection })
    try {
      expect(learner.identity).toBe(learnerId)
      expect(await learner.connections()).toBe(o.connections)
      // The teacher's camera, decoded by libwebrtc in the native app at full size, and her voice.
      await expect.poll(() => learner.video.get(teacherId)?.frames ?? 0, { timeout: 20_000 }).toBeGreaterThan(10)
      expect(learner.video.get(teacherId)).toMatchObject({ width: 640, height: 480 })
      await expect.poll(() => learner.audio.get(teacherId)?.frames ?? 0, { timeout: 20_000 }).toBeGreaterThan(50)

      // The native app's camera and microphone reach the teacher's page.
      await learner.publishCamera()
      await learner.publishMicrophone()
      await expect
        .poll(async () => (await lkVideoStats(teacher)).find((v) => v.from === learnerId)?.width ?? 0, {
          timeout: 20_000,
        })
        .toBeGreaterThanOrEqual(640)
      await lkFramesGrow(teacher, learnerId, 20)
      // The tone is loud enough to speak: the SFU reads its level from the packets and says so.
      await expect
        .poll(async () => (await heardFrom(teacher.page, learnerId)).level, { timeout: 20_000 })
        .toBeGreaterThan(0.1)
      const heard = await heardFrom(teacher.page, learnerId)
      await new Promise((r) => setTimeout(r, 1000))
      expect((await heardFrom(teacher.page, learnerId)).packets).toBeGreaterThan(heard.packets + 25)

      // Text both ways, each stamped with its sender's identity by the server.
      await learner.publishText('我有一个问题', 'chat')
      await expect
        .poll(async () => (await lkEvents(teacher, 'dataReceived'))[0])
        .toMatchObject({ text: '我有一个问题', from: learnerId, topic: 'chat' })
      await teacher.page.evaluate(() =>
        (window as any).lkRoom.localParticipant.publishData(new TextEncoder().encode('请说'), {
          reliable: true,
          topic: 'chat',
        }),
      )
      await expect.poll(() => learner.data[0]).toEqual({ text: '请说', from: teacherId, topic: 'chat' })

      // The signal connection drops: the SDK resumes as the same participant and media flows on.
      const sid = learner.room.localParticipant!.sid
      await learner.room.simulateScenario(SimulateScenarioKind.SIMULATE_SIGNAL_RECONNECT)
      await expect.poll(() => learner.events.map((e) => e.ev), { timeout: 15_000 }).toContain('reconnected')
      expect(learner.room.localParticipant!.sid).toBe(sid)
      const seen = learner.video.get(teacherId)!.frames
      await expect.poll(() => learner.video.get(teacherId)!.frames, { timeout: 10_000 }).toBeGreaterThan(seen + 20)
      await lkFramesGrow(teacher, learnerId, 20)
      expect(await lkEvents(teacher, 'participantDisconnected')).toEqual([])

      // The teacher mutes her microphone: the native app is told.
      await teacher.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(false))
      await expect.poll(() => learner.events, { timeout: 10_000 }).toContainEqual({ ev: 'trackMuted', who: teacherId })
    } finally {
      await learner.close()
    }
    await expect
      .poll(async () => (await lkEvents(teacher, 'participantDisconnected')).map((e) => e.who), { timeout: 10_000 })
      .toEqual([learnerId])
    await teacher.close()
  })

  it('is muted and removed by the teacher through the RoomService', async () => {
    const { apiKey, apiSecret } = embeddedSfuKeys(server.dataDir)
    const rooms = new RoomServiceClient(server.url, apiKey, apiSecret)
    const session = await createSession(server.url)
    const room = `atrium-${session.id}`
    const teacherJoin = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
    const learnerJoin = await joinAs(server.url, session.id, session.invites.learner, 'Zhang Wei')
    const learnerId = learnerJoin.participant.identity
    const teacher = await livekitPage(browser, server.url)
    await lkConnect(teacher, teacherJoin)
    const learner = await NativeParticipant.join(learnerJoin)
    try {
      await learner.publishMicrophone()
      await expect
        .poll(async () => (await rooms.getParticipant(room, learnerId)).tracks.map((t) => t.source))
        .toContain(ServerTrackSource.MICROPHONE)
      const mic = (await rooms.getParticipant(room, learnerId)).tracks.find(
        (t) => t.source === ServerTrackSource.MICROPHONE,
      )!

      // Muted by the teacher: the app itself mutes its microphone, and the teacher's page sees it.
      expect((await rooms.mutePublishedTrack(room, learnerId, mic.sid, true))?.muted).toBe(true)
      await expect.poll(() => learner.isMuted(TrackSource.SOURCE_MICROPHONE)).toBe(true)
      await expect.poll(async () => (await lkEvents(teacher, 'trackMuted')).map((e) => e.who)).toContain(learnerId)

      // Removed: the app is told why, and the teacher sees it leave.
      await rooms.removeParticipant(room, learnerId)
      await expect
        .poll(() => learner.events.filter((e) => e.ev === 'disconnected'), { timeout: 10_000 })
        .toEqual([{ ev: 'disconnected', who: undefined, reason: 'PARTICIPANT_REMOVED' }])
      await expect
        .poll(async () => (await lkEvents(teacher, 'participantDisconnected')).map((e) => e.who), { timeout: 10_000 })
        .toEqual([learnerId])
    } finally {
      await learner.close()
      await teacher.close()
    }
  })
})
