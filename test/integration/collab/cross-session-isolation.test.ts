import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, upgradeStatus, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('sessions are isolated', () => {
  it("a token of session A opens no document of session B (403), and A's edits never reach B", async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    const ta = await joinAs(server.url, a.id, a.invites.teacher, 'Teacher A')
    const tb = await joinAs(server.url, b.id, b.invites.teacher, 'Teacher B')
    for (const kind of ['control', 'boards', 'lab', 'responses'] as const) {
      const name = tb.collab.docs[kind]!
      expect((await upgradeStatus(`${ta.collab.url}/${name}?token=${ta.collab.token}`)).status).toBe(403)
    }
    const pa = connectDoc(ta, 'boards')
    const pb = connectDoc(tb, 'boards')
    try {
      await Promise.all([waitSynced(pa), waitSynced(pb)])
      pa.doc.getArray('strokes').push(['A only'])
      pb.doc.getArray('strokes').push(['B only'])
      await until(() => server.atrium.collab.loadedDocs().length >= 4)
      const probeB = connectDoc(tb, 'boards')
      await waitSynced(probeB)
      await until(() => probeB.doc.getArray('strokes').length === 1, 5000, "B's stroke")
      await new Promise((r) => setTimeout(r, 100))
      expect(probeB.doc.getArray('strokes').toArray()).toEqual(['B only'])
      expect(pb.doc.getArray('strokes').toArray()).toEqual(['B only'])
      probeB.destroy()
    } finally {
      pa.destroy()
      pb.destroy()
    }
  })
})
