/**
 * The media network settings reach the client: candidates use ports of ATRIUM_RTC_PORTS (and a
 * connection is made on them), ATRIUM_RTC_ANNOUNCED_ADDRESS replaces the bound address in the
 * answer, and ATRIUM_ICE_SERVERS are handed over in the JoinResponse.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SessionDescription } from '@livekit/protocol'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient, clientPeer } from '../../helpers/signal-client.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.cleanup()
  server = undefined
})

async function answerFrom(env: Record<string, string>) {
  server = await startTestServer(env)
  const s = await createSession(server.url)
  const j = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
  const peer = await clientPeer()
  const client = await SignalClient.open(server.url, j.media.token, {
    offer: new SessionDescription({ type: 'offer', sdp: peer.offer, id: 1 }),
  })
  const join = await client.nextOf('join')
  const answer = await client.nextOf('answer')
  const candidates = answer.sdp
    .split('\r\n')
    .filter((l) => l.startsWith('a=candidate:'))
    .map((l) => ({ address: l.split(' ')[4]!, port: Number(l.split(' ')[5]) }))
  return { peer, client, join, answer, candidates }
}

describe('media network settings', () => {
  it('gathers on a port of ATRIUM_RTC_PORTS, and the client connects there', async () => {
    const { peer, client, answer, candidates } = await answerFrom({ ATRIUM_RTC_PORTS: '51000-51019' })
    try {
      expect(candidates.length).toBeGreaterThan(0)
      for (const c of candidates) {
        expect(c.address).toBe('127.0.0.1')
        expect(c.port).toBeGreaterThanOrEqual(51000)
        expect(c.port).toBeLessThanOrEqual(51019)
      }
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
      await expect.poll(() => peer.pc.connectionState, { timeout: 10_000, interval: 50 }).toBe('connected')
    } finally {
      client.close()
      await peer.pc.close()
    }
  })

  it('puts ATRIUM_RTC_ANNOUNCED_ADDRESS in the candidates instead of the bound address', async () => {
    const { peer, client, candidates } = await answerFrom({ ATRIUM_RTC_ANNOUNCED_ADDRESS: '203.0.113.7' })
    try {
      expect(candidates.length).toBeGreaterThan(0)
      for (const c of candidates) expect(c.address).toBe('203.0.113.7')
    } finally {
      client.close()
      await peer.pc.close()
    }
  })

  it('hands STUN and TURN servers to the client in the JoinResponse', async () => {
    const { peer, client, join } = await answerFrom({
      ATRIUM_ICE_SERVERS:
        '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478?transport=udp","turns:turn.example.org:443"],"username":"atrium","credential":"s3cret"}]',
    })
    try {
      expect(join.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }))).toEqual([
        { urls: ['stun:stun.example.org:3478'], username: '', credential: '' },
        {
          urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443'],
          username: 'atrium',
          credential: 's3cret',
        },
      ])
    } finally {
      client.close()
      await peer.pc.close()
    }
  })
})
