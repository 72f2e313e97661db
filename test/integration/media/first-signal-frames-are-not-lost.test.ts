/**
 * A client may speak as soon as its signal socket opens, before the server has a participant
 * for it: the very first join of a fresh server waits for the media library to load (and, with
 * media threads, for a thread to start). What it says meanwhile is answered, not dropped.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient } from '../../helpers/signal-client.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.cleanup()
  server = undefined
})

describe.each([
  ['in the main thread', '0'],
  ['on media threads', '2'],
])('the first join of a fresh server, %s', (_, threads) => {
  it('answers pings sent before the join response', async () => {
    server = await startTestServer({ ATRIUM_SFU_THREADS: threads })
    const s = await createSession(server.url)
    const j = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const c = await SignalClient.open(server.url, j.media.token, { path: '/rtc' })
    c.send({ case: 'ping', value: 41n })
    c.send({ case: 'pingReq', value: { timestamp: 42n, rtt: 0n } as never })
    // The JoinResponse comes first, as always; then the answers.
    expect((await c.next(15_000)).case).toBe('join')
    expect(await c.nextOf('pong')).toBe(41n)
    expect((await c.nextOf('pongResp')).lastPingTimestamp).toBe(42n)
    c.close()
  })
})
