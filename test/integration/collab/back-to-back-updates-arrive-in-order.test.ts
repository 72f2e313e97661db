/**
 * The server applies the updates that arrive in one event-loop turn together. An update that
 * builds on one sent just before it (same socket, same TCP segment) must still be accepted, and a
 * reader must get both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, rawSocket, until, updateFrame, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('updates sent back to back', () => {
  it('are all accepted, each building on the one before', async () => {
    const s = await createSession(server.url)
    const writer = rawSocket(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const reader = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards')
    try {
      await Promise.all([writer.opened, waitSynced(reader)])
      const doc = new Y.Doc()
      const frames: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => frames.push(updateFrame(u)))
      const strokes = doc.getArray<number>('strokes')
      for (let i = 0; i < 30; i++) strokes.push([i])
      // All thirty in one go: each depends on the previous one's clock.
      for (const f of frames) writer.ws.send(f)
      await until(() => reader.doc.getArray('strokes').length === 30, 5000, 'thirty strokes at the reader')
      expect(reader.doc.getArray('strokes').toArray()).toEqual([...Array(30).keys()])
      expect(writer.ws.readyState).toBe(writer.ws.OPEN)
    } finally {
      writer.ws.close()
      reader.destroy()
    }
  })
})
