/**
 * Someone joining a busy room is answered ahead of the renegotiations of those already in it
 * (signal-lanes.ts, turn-queue.ts). Ten learners who have been in the room for a while each send
 * an offer of 63 sections at once, as a large class does when new microphones appear; a latecomer
 * opens its signal socket just after. Taken in arrival order, the latecomer's JoinResponse came
 * after every one of the ten answers.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { SessionDescription } from '@livekit/protocol'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { joinV1, SignalClient } from '../../helpers/signal-client.ts'
import { JOINING_MS } from '../../../server/media/sfu/signal-lanes.ts'

let server: TestServer | undefined
const peers: RTCPeerConnection[] = []
const clients: SignalClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  await Promise.all(peers.splice(0).map((pc) => pc.close()))
  await server?.cleanup()
  server = undefined
})

/** A renegotiation offer as a learner makes one when sixty classmates' microphones appear. */
async function bigOffer(pc: RTCPeerConnection): Promise<string> {
  for (let i = 0; i < 60; i++) pc.addTransceiver('audio', { direction: 'recvonly' })
  const offer = await pc.createOffer()
  await pc.setLocalDescription(offer)
  return offer.sdp
}

describe('a media thread busy with a room’s renegotiations', () => {
  it('answers a latecomer’s join before most of them', async () => {
    server = await startTestServer({ ATRIUM_SFU_THREADS: '1' })
    const s = await createSession(server.url)
    const inRoom = []
    for (let i = 0; i < 10; i++) {
      const j = await joinAs(server.url, s.id, s.invites.learner, `Learner ${i + 1}`)
      const joined = await joinV1(server.url, j.media.token)
      peers.push(joined.pc)
      clients.push(joined.client)
      inRoom.push(joined)
    }
    const late = await joinAs(server.url, s.id, s.invites.learner, 'Latecomer')
    const offers = await Promise.all(inRoom.map((p) => bigOffer(p.pc)))
    // They are no longer joining: their frames take their turn.
    await new Promise((r) => setTimeout(r, JOINING_MS + 200))

    const answeredAt: number[] = []
    const answers = inRoom.map((p, i) => {
      p.client.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: offers[i], id: 2 }) })
      return p.client.nextOf('answer', 30_000).then(() => answeredAt.push(performance.now()))
    })
    const latecomer = await SignalClient.open(server.url, late.media.token)
    clients.push(latecomer)
    expect((await latecomer.next(30_000)).case).toBe('join')
    const joinedAt = performance.now()
    await Promise.all(answers)

    const answeredAfter = answeredAt.filter((t) => t > joinedAt).length
    expect(answeredAfter).toBeGreaterThanOrEqual(5)
  }, 60_000)
})
