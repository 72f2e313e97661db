import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, nextClose, until, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_COLLAB_MAX_MESSAGE_BYTES: String(64 * 1024) })
})
afterAll(() => server.cleanup())

describe('a message over the size limit', () => {
  it('closes the sender with 4413 and is neither applied nor relayed', async () => {
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards')
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      const closed = nextClose(a)
      a.shouldConnect = false
      a.doc.getText('t').insert(0, 'x'.repeat(100 * 1024))
      expect(await closed).toBe(4413)
      // A small edit from b still goes through, and b never sees a's big one.
      b.doc.getText('u').insert(0, 'small')
      const probe = connectDoc(await joinAs(server.url, s.id, s.invites.teacher, 'T'), 'boards')
      await waitSynced(probe)
      await until(() => probe.doc.getText('u').toString() === 'small')
      expect(probe.doc.getText('t').length).toBe(0)
      expect(b.doc.getText('t').length).toBe(0)
      probe.destroy()
    } finally {
      a.destroy()
      b.destroy()
    }
  })

  it('a message just under the limit goes through', async () => {
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards', new Y.Doc())
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      a.doc.getText('t').insert(0, 'y'.repeat(60 * 1024))
      await until(() => b.doc.getText('t').length === 60 * 1024, 5000, 'the big edit')
    } finally {
      a.destroy()
      b.destroy()
    }
  })
})
