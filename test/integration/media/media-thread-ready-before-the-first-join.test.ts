/**
 * A media thread starts, and loads werift and its certificate, when someone is given a media
 * token, not when their join arrives: the first learner after the server starts (and the first of
 * a second classroom, on the other thread) would otherwise wait for all that after connecting
 * (about half a second with `npm start` on the 2-core test machine, see docs/media.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionDescription } from '@livekit/protocol'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient, clientPeer } from '../../helpers/signal-client.ts'
import { ThreadedSfu } from '../../../server/media/sfu/threaded-sfu.ts'

let server: TestServer
let sfu: ThreadedSfu
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_SFU_THREADS: '2' })
  if (!(server.atrium.sfu instanceof ThreadedSfu)) throw new Error('expected the threaded SFU')
  sfu = server.atrium.sfu
})
afterAll(async () => {
  await server?.cleanup()
})

async function connect(token: string) {
  const peer = await clientPeer()
  const client = await SignalClient.open(server.url, token, {
    offer: new SessionDescription({ type: 'offer', sdp: peer.offer, id: 1 }),
  })
  await client.nextOf('join')
  return { close: () => (client.close(), peer.pc.close()) }
}

describe('media threads get ready while the page loads', () => {
  it('start with the first media token, ready before the join arrives, and the join lands there', async () => {
    expect(await sfu.threadStates()).toEqual(['not started', 'not started'])

    const first = await createSession(server.url)
    const teacher = await joinAs(server.url, first.id, first.invites.teacher, 'Ms. Li')
    // Nobody has connected to media yet.
    expect(sfu.threadOf(`atrium-${first.id}`)).toBeUndefined()
    await expect.poll(() => sfu.threadStates(), { timeout: 15_000, interval: 100 }).toEqual(['ready', 'not started'])
    const teacherMedia = await connect(teacher.media.token)
    expect(sfu.threadOf(`atrium-${first.id}`)).toBe(0)

    // A second classroom's first token readies the other thread, where its join then goes.
    const second = await createSession(server.url)
    const ben = await joinAs(server.url, second.id, second.invites.learner, 'Ben')
    await expect.poll(() => sfu.threadStates(), { timeout: 15_000, interval: 100 }).toEqual(['ready', 'ready'])
    const benMedia = await connect(ben.media.token)
    expect(sfu.threadOf(`atrium-${second.id}`)).toBe(1)

    // More tokens for a room that has its thread start nothing.
    await joinAs(server.url, first.id, first.invites.learner, 'Ann')
    expect(await sfu.threadStates()).toEqual(['ready', 'ready'])
    await teacherMedia.close()
    await benMedia.close()
  })
})
