import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { rawSocket } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({}, undefined, (c) => ({
    ...c,
    collab: { ...c.collab, maxConnectionsPerDoc: 2, maxConnectionsPerSession: 3 },
  }))
})
afterAll(() => server.cleanup())

describe('connection limits', () => {
  it('refuse a connection past the per-document and per-session limits with 4430', async () => {
    const s = await createSession(server.url)
    const j = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const open = [rawSocket(j, 'boards'), rawSocket(j, 'boards')]
    await Promise.all(open.map((r) => r.opened))
    const third = rawSocket(j, 'boards')
    expect((await third.closed).code).toBe(4430)
    open.push(rawSocket(j, 'control'))
    await open[2]!.opened
    const fourth = rawSocket(j, 'lab')
    expect((await fourth.closed).code).toBe(4430)
    // Closing one makes room again.
    open[0]!.ws.close()
    await open[0]!.closed
    const again = rawSocket(j, 'boards')
    await again.opened
    await new Promise((r) => setTimeout(r, 100))
    expect(again.ws.readyState).toBe(again.ws.OPEN)
    for (const r of [...open, again]) r.ws.close()
  })
})
