import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('durability before relay', () => {
  it('every update a peer receives is already committed to SQLite', async () => {
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Bo'), 'boards')
    // A second, read-only connection to the same file sees only committed transactions.
    const reader = new Database(path.join(server.dataDir, 'atrium.sqlite'), { readonly: true })
    const name = `session/${s.id}/boards`
    // How many strokes a server restarted from the file right now would have.
    const committed = () => {
      const stored = new Y.Doc()
      const rows = [
        ...reader.prepare('SELECT data FROM doc_snapshots WHERE doc = ?').all(name),
        ...reader.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq').all(name),
      ] as { data: Buffer }[]
      for (const r of rows) Y.applyUpdate(stored, r.data)
      return stored.getArray('strokes').length
    }
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      const checks: boolean[] = []
      b.doc.getArray<number>('strokes').observe(() => {
        // On arrival at b, every stroke b has seen is already stored.
        checks.push(committed() >= b.doc.getArray('strokes').length)
      })
      for (let i = 0; i < 50; i++) {
        a.doc.getArray<number>('strokes').push([i])
        if (i % 5 === 0) await new Promise((r) => setTimeout(r, 2))
      }
      await until(() => b.doc.getArray('strokes').length === 50, 5000, 'all strokes')
      expect(checks.length).toBeGreaterThan(0)
      expect(checks.every(Boolean)).toBe(true)
    } finally {
      reader.close()
      a.destroy()
      b.destroy()
    }
  })
})
