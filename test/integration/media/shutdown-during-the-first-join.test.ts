/**
 * A server stopped just after its first media join (a teacher's laptop closed as the first
 * learner connects) stops cleanly. The media thread was making werift's DTLS certificate with
 * WebCrypto then, and ending a thread while that key job runs kills the whole process in Node 20
 * ("FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal"); this test's process would die with it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient } from '../../helpers/signal-client.ts'

const ROUNDS = 6

let server: TestServer | undefined
afterEach(async () => {
  await server?.cleanup()
  server = undefined
})

describe('stopping a server during its first media join', () => {
  it('ends its media threads without taking the process down', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      server = await startTestServer({ ATRIUM_SFU_THREADS: '2' })
      const s = await createSession(server.url)
      const j = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
      // The classic path: the server offers at once, so the certificate is being made now.
      const c = await SignalClient.open(server.url, j.media.token, { path: '/rtc' })
      expect((await c.next(15_000)).case).toBe('join')
      await server.cleanup()
      server = undefined
      c.close()
    }
  })
})
