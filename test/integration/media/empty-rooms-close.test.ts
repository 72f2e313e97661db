/**
 * A media room nobody is in closes after a while (LiveKit's `emptyTimeout`), so a server that
 * hosts session after session for months does not keep every room's timers and memory; the next
 * person to join opens it again. The same with rooms in the main thread and on media threads.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { RoomServiceClient } from 'livekit-server-sdk'
import { LeaveRequest, LeaveRequest_Action, DisconnectReason } from '@livekit/protocol'
import { startTestServer, withEmbeddedMedia, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient } from '../../helpers/signal-client.ts'
import { embeddedSfuKeys } from '../../helpers/tokens.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.cleanup()
  server = undefined
})

describe.each([
  ['in the main thread', '0'],
  ['on media threads', '2'],
])('an empty room, %s', (_, threads) => {
  it('closes after the empty timeout and opens again for the next person', async () => {
    server = await startTestServer(
      { ATRIUM_SFU_THREADS: threads },
      undefined,
      withEmbeddedMedia({ emptyRoomSeconds: 1 }),
    )
    const { apiKey, apiSecret } = embeddedSfuKeys(server.dataDir)
    const rooms = new RoomServiceClient(server.url, apiKey, apiSecret)
    const roomNames = async () => (await rooms.listRooms()).map((r) => r.name)
    const s = await createSession(server.url)
    const room = `atrium-${s.id}`

    const enter = async () => {
      const j = await joinAs(server!.url, s.id, s.invites.learner, 'Ann')
      const c = await SignalClient.open(server!.url, j.media.token, { path: '/rtc' })
      await c.nextOf('join', 15_000)
      return c
    }
    const leave = (c: SignalClient) => {
      c.send({
        case: 'leave',
        value: new LeaveRequest({ action: LeaveRequest_Action.DISCONNECT, reason: DisconnectReason.CLIENT_INITIATED }),
      })
      c.close()
    }

    const first = await enter()
    expect(await roomNames()).toEqual([room])
    leave(first)
    await expect.poll(roomNames, { timeout: 10_000, interval: 200 }).toEqual([])
    // Nothing left to ask about: the live-microphone sampling stops calling the RoomService.
    expect(server.atrium.sfu!.hasRooms()).toBe(false)

    const second = await enter()
    expect(await roomNames()).toEqual([room])
    expect((await rooms.listParticipants(room)).map((p) => p.name)).toEqual(['Ann'])
    leave(second)
  })
})
