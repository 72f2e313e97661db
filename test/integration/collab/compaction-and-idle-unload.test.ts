/**
 * A document's update log is folded into one snapshot past a threshold; a document nobody has
 * open leaves memory and comes back intact on demand; loading needs only snapshot + tail.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_COLLAB_IDLE_UNLOAD_SECONDS: '0' }, undefined, (c) => ({
    ...c,
    collab: { ...c.collab, compactAfterUpdates: 20 },
  }))
})
afterAll(() => server.cleanup())

function rows(doc: string) {
  const db = new Database(path.join(server.dataDir, 'atrium.sqlite'), { readonly: true })
  try {
    const updates = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?').get(doc) as { n: number }).n
    const snapshots = (db.prepare('SELECT COUNT(*) AS n FROM doc_snapshots WHERE doc = ?').get(doc) as { n: number }).n
    return { updates, snapshots }
  } finally {
    db.close()
  }
}

describe('storage of documents', () => {
  it('compacts the log into one snapshot past the threshold, losing nothing', async () => {
    const s = await createSession(server.url)
    const name = `session/${s.id}/boards`
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    try {
      await waitSynced(a)
      for (let i = 0; i < 55; i++) {
        a.doc.getArray<number>('strokes').push([i])
        await new Promise((r) => setTimeout(r, 1))
      }
      await until(() => rows(name).updates + rows(name).snapshots > 0 && rows(name).snapshots === 1, 5000, 'a snapshot')
      await until(() => rows(name).updates < 20, 5000, 'the log to shrink')
    } finally {
      a.destroy()
    }
    const fresh = connectDoc(await joinAs(server.url, s.id, s.invites.observer, 'Late'), 'boards', new Y.Doc())
    await waitSynced(fresh)
    expect(fresh.doc.getArray('strokes').toArray()).toEqual([...Array(55).keys()])
    fresh.destroy()
  })

  it('unloads a document after its last client leaves and loads it again on demand', async () => {
    const s = await createSession(server.url)
    const name = `session/${s.id}/boards`
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Ann'), 'boards')
    await waitSynced(a)
    a.doc.getText('title').insert(0, 'Kept while nobody looks')
    await until(() => rows(name).updates > 0, 5000, 'the edit to be stored')
    expect(server.atrium.collab.loadedDocs()).toContain(name)
    a.destroy()
    await until(() => !server.atrium.collab.loadedDocs().some((d) => d.startsWith(`session/${s.id}/`)), 5000, 'unload')
    // Unloading compacted the log.
    expect(rows(name)).toEqual({ updates: 0, snapshots: 1 })

    const b = connectDoc(await joinAs(server.url, s.id, s.invites.observer, 'Bo'), 'boards', new Y.Doc())
    await waitSynced(b)
    expect(b.doc.getText('title').toString()).toBe('Kept while nobody looks')
    expect(server.atrium.collab.loadedDocs()).toContain(name)
    b.destroy()
  })
})
