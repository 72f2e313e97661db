import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, nextClose, until, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('the per-connection rate limit', () => {
  it('lets fast drawing through (120 strokes in 2 s)', async () => {
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards')
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      const closes: number[] = []
      a.on('connection-close', (e) => closes.push(e?.code ?? 0))
      for (let i = 0; i < 120; i++) {
        a.doc.getArray('strokes').push([i])
        await new Promise((r) => setTimeout(r, 16))
      }
      await until(() => b.doc.getArray('strokes').length === 120, 5000, 'all strokes')
      expect(closes).toEqual([])
    } finally {
      a.destroy()
      b.destroy()
    }
  })

  it('closes a flooding client with 4429; the others keep working', async () => {
    const s = await createSession(server.url)
    const flood = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Flood'), 'boards')
    const calm = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Calm'), 'boards')
    try {
      await Promise.all([waitSynced(flood), waitSynced(calm)])
      const closed = nextClose(flood)
      flood.shouldConnect = false
      for (let i = 0; i < 2000; i++) flood.doc.getArray('spam').push([i])
      expect(await closed).toBe(4429)
      calm.doc.getArray('ok').push(['still here'])
      const probe = connectDoc(await joinAs(server.url, s.id, s.invites.teacher, 'T'), 'boards')
      await waitSynced(probe)
      await until(() => probe.doc.getArray('ok').length === 1, 5000, 'the calm edit')
      probe.destroy()
    } finally {
      flood.destroy()
      calm.destroy()
    }
  })
})
