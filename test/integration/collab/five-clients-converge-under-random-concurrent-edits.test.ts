/**
 * Five real y-websocket clients edit the same document at random (text, map and array edits),
 * dropping and restoring their connections at random, with a seeded generator. They all end with
 * identical documents, equal to what a newcomer loads from the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { pick, seeded } from '../../helpers/random.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

type Provider = ReturnType<typeof connectDoc>

function randomEdit(rnd: () => number, doc: Y.Doc, who: number): void {
  const text = doc.getText('notes')
  const map = doc.getMap<number>('settings')
  const list = doc.getArray<string>('items')
  switch (pick(rnd, ['insert', 'delete', 'set', 'push', 'remove'] as const)) {
    case 'insert':
      text.insert(Math.floor(rnd() * (text.length + 1)), `${who}${String.fromCharCode(97 + Math.floor(rnd() * 26))}`)
      break
    case 'delete':
      if (text.length > 0)
        text.delete(Math.floor(rnd() * text.length), 1 + Math.floor(rnd() * Math.min(3, text.length)))
      break
    case 'set':
      map.set(`k${Math.floor(rnd() * 8)}`, who * 1000 + Math.floor(rnd() * 1000))
      break
    case 'push':
      list.insert(Math.floor(rnd() * (list.length + 1)), [`${who}-${Math.floor(rnd() * 1e6)}`])
      break
    case 'remove':
      if (list.length > 0) list.delete(Math.floor(rnd() * list.length), 1)
      break
  }
}

const snapshot = (doc: Y.Doc) =>
  JSON.stringify({
    notes: doc.getText('notes').toString(),
    // Map key order is insertion order, which differs per client; compare sorted.
    settings: Object.entries(doc.getMap('settings').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    items: doc.getArray('items').toJSON(),
  })

describe('convergence', () => {
  it.each([1, 2, 3])('five clients converge under random concurrent edits (seed %i)', async (seed) => {
    const rnd = seeded(seed)
    const s = await createSession(server.url)
    const joins = await Promise.all([0, 1, 2, 3, 4].map((i) => joinAs(server.url, s.id, s.invites.learner, `P${i}`)))
    const clients: Provider[] = joins.map((j) => connectDoc(j, 'boards'))
    try {
      await Promise.all(clients.map((c) => waitSynced(c)))
      for (let round = 0; round < 60; round++) {
        for (const [i, c] of clients.entries()) {
          const edits = Math.floor(rnd() * 4)
          for (let e = 0; e < edits; e++) randomEdit(rnd, c.doc, i)
          // Now and then a client drops off (its edits continue offline) or comes back.
          const r = rnd()
          if (r < 0.04 && c.wsconnected) c.disconnect()
          else if (r < 0.12 && !c.shouldConnect) c.connect()
        }
        await new Promise((r) => setTimeout(r, Math.floor(rnd() * 8)))
      }
      for (const c of clients) if (!c.shouldConnect) c.connect()
      const expected = () => snapshot(clients[0]!.doc)
      await until(() => clients.every((c) => snapshot(c.doc) === expected()), 15_000, 'all five to converge')
      const fresh = connectDoc(await joinAs(server.url, s.id, s.invites.observer, 'Late'), 'boards', new Y.Doc())
      await waitSynced(fresh)
      await until(() => snapshot(fresh.doc) === expected(), 5000, 'the newcomer to match')
      expect(clients[0]!.doc.getText('notes').length + clients[0]!.doc.getArray('items').length).toBeGreaterThan(20)
      fresh.destroy()
    } finally {
      for (const c of clients) c.destroy()
    }
  })
})
