import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { freePort } from '../../helpers/server-process.ts'

const servers: TestServer[] = []
afterAll(async () => {
  for (const s of servers) await s.cleanup()
})

describe('offline edits', () => {
  it('a client that lost its connection merges what it drew meanwhile when it is back', async () => {
    const server = await startTestServer()
    servers.push(server)
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards')
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      a.disconnect()
      a.doc.getArray('strokes').push(['drawn offline by Ann'])
      b.doc.getArray('strokes').push(['drawn online by Bo'])
      await new Promise((r) => setTimeout(r, 100))
      expect(b.doc.getArray('strokes').toArray()).toEqual(['drawn online by Bo'])
      a.connect()
      await until(() => a.doc.getArray('strokes').length === 2 && b.doc.getArray('strokes').length === 2, 5000, 'merge')
      expect(new Set(a.doc.getArray('strokes').toArray())).toEqual(new Set(b.doc.getArray('strokes').toArray()))
    } finally {
      a.destroy()
      b.destroy()
    }
  })

  it('clients reconnect by themselves after a server restart and merge edits made while it was down', async () => {
    const port = String(await freePort())
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-restart-'))
    let server = await startTestServer({ PORT: port }, dataDir)
    servers.push(server)
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards')
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      a.doc.getArray('strokes').push(['before'])
      await until(() => b.doc.getArray('strokes').length === 1, 5000, 'first stroke')
      await server.stop()
      await until(() => !a.wsconnected && !b.wsconnected, 5000, 'both to notice')
      a.doc.getArray('strokes').push(['Ann while down'])
      b.doc.getArray('strokes').push(['Bo while down'])
      server = await startTestServer({ PORT: port }, dataDir)
      servers.push(server)
      await until(
        () => a.doc.getArray('strokes').length === 3 && b.doc.getArray('strokes').length === 3,
        15_000,
        'both to reconnect and merge',
      )
      const fresh = connectDoc(await joinAs(server.url, s.id, s.invites.observer, 'Late'), 'boards', new Y.Doc())
      await waitSynced(fresh)
      expect(new Set(fresh.doc.getArray('strokes').toArray())).toEqual(
        new Set(['before', 'Ann while down', 'Bo while down']),
      )
      fresh.destroy()
    } finally {
      a.destroy()
      b.destroy()
    }
  })
})
