/**
 * livekit-server-sdk's RoomServiceClient against the embedded SFU, with the real livekit-client
 * in the browsers: mute a published microphone, update metadata and permissions, send data,
 * remove a participant. The same calls work against a real LiveKit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataPacket_Kind, RoomServiceClient, TrackSource } from 'livekit-server-sdk'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { embeddedSfuKeys } from '../helpers/tokens.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkEvents, livekitPage } from '../helpers/livekit-page.ts'

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

describe('RoomServiceClient against the embedded SFU', () => {
  it('mutes, updates, sends data and removes, as a teacher console would', async () => {
    const s = await createSession(server.url)
    const room = `atrium-${s.id}`
    const learnerJoin = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    await lkConnect(a, learnerJoin)
    await lkConnect(b, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'))
    const ann = learnerJoin.participant.identity
    await a.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))

    // Listing shows Ann with her microphone.
    await expect.poll(async () => (await rooms.listParticipants(room)).map((p) => p.identity).sort()).toContain(ann)
    const info = await rooms.getParticipant(room, ann)
    const mic = info.tracks.find((t) => t.source === TrackSource.MICROPHONE)!
    expect(mic).toBeDefined()

    // The teacher mutes Ann: her own app mutes the track and B sees it muted.
    const muted = await rooms.mutePublishedTrack(room, ann, mic.sid, true)
    expect(muted?.muted).toBe(true)
    await expect
      .poll(() =>
        a.page.evaluate(() => (window as any).lkRoom.localParticipant.getTrackPublication('microphone')?.isMuted),
      )
      .toBe(true)
    await expect.poll(async () => (await lkEvents(b, 'trackMuted')).length).toBeGreaterThan(0)
    // Unmuting someone else is not allowed (LiveKit's default).
    await expect(rooms.mutePublishedTrack(room, ann, mic.sid, false)).rejects.toThrow()

    // Metadata and attributes reach everyone.
    await rooms.updateParticipant(room, ann, { metadata: '{"seat":"r1c1"}', attributes: { hand: 'up' } })
    await expect.poll(async () => (await lkEvents(b, 'participantMetadataChanged')).length).toBeGreaterThan(0)
    expect(await b.page.evaluate((id) => (window as any).lkRoom.remoteParticipants.get(id)?.metadata, ann)).toBe(
      '{"seat":"r1c1"}',
    )

    // Data from the server, to Ann only.
    await rooms.sendData(room, new TextEncoder().encode('from the console'), DataPacket_Kind.RELIABLE, {
      destinationIdentities: [ann],
      topic: 'console',
    })
    await expect
      .poll(async () => (await lkEvents(a, 'dataReceived'))[0])
      .toMatchObject({ text: 'from the console', topic: 'console' })
    expect(await lkEvents(b, 'dataReceived')).toEqual([])

    // Taking away the microphone permission unpublishes it.
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
        a.page.evaluate(() => (window as any).lkRoom.localParticipant.getTrackPublication('microphone') ?? null),
      )
      .toBeNull()

    // Room metadata.
    await rooms.updateRoomMetadata(room, 'quiz-mode')
    await expect.poll(() => b.page.evaluate(() => (window as any).lkRoom.metadata)).toBe('quiz-mode')

    // Removing Ann disconnects her; B sees her leave.
    await rooms.removeParticipant(room, ann)
    await expect.poll(async () => (await lkEvents(a, 'disconnected')).length).toBe(1)
    await expect.poll(async () => (await lkEvents(b, 'participantDisconnected')).length).toBe(1)
    expect((await rooms.listRooms()).map((r) => r.name)).toContain(room)
    await a.close()
    await b.close()
  })

  it('refuses calls without a valid admin token for the room', async () => {
    const other = new RoomServiceClient(server.url, 'APIwrong', 'x'.repeat(32))
    await expect(other.listRooms()).rejects.toThrow()
  })
})
