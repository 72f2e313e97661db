import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, rawSocket, until, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

type User = { identity: string; name: string; role: string }
const users = (p: ReturnType<typeof connectDoc>) =>
  [...p.awareness.getStates().values()].map((s) => (s as { user?: User }).user)

describe('awareness', () => {
  it('carries the identity from the token, whatever a client claims', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
    const a = connectDoc(teacher)
    const b = connectDoc(learner)
    try {
      a.awareness.setLocalState({ user: teacher.participant, place: 'remote', device: 'browser' })
      b.awareness.setLocalState({ user: { identity: teacher.participant.identity, name: 'Ms. Li', role: 'teacher' } })
      await until(() => users(a).length === 2, 5000, 'both states')
      expect(users(a)).toContainEqual(learner.participant)
      expect(users(a).filter((u) => u?.role === 'teacher')).toHaveLength(1)
    } finally {
      a.destroy()
      b.destroy()
    }
  })

  it("cannot overwrite or erase another participant's state", async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Mallory')
    const a = connectDoc(teacher)
    const observer = connectDoc(await joinAs(server.url, s.id, s.invites.observer, 'Obs'))
    try {
      a.awareness.setLocalState({ user: teacher.participant, place: 'remote', device: 'browser', handRaisedAt: 1 })
      await Promise.all([waitSynced(a), waitSynced(observer)])
      await until(() => observer.awareness.getStates().has(a.doc.clientID), 5000, "the teacher's state")
      // Everything the observer ever sees for the teacher's client id.
      const seen: unknown[] = []
      observer.awareness.on('change', () => seen.push(observer.awareness.getStates().get(a.doc.clientID) ?? null))

      const raw = rawSocket(learner)
      await raw.opened
      const fakeDoc = new Y.Doc()
      fakeDoc.clientID = a.doc.clientID
      const fake = new Awareness(fakeDoc)
      // High clocks, so a server without the guard would take them over the teacher's own.
      for (let i = 0; i < 10; i++) fake.setLocalState({ n: i })
      for (const state of [{ user: { name: 'Hacked' }, place: 'onsite' }, null]) {
        fake.setLocalState(state)
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint8Array(e, encodeAwarenessUpdate(fake, [fake.doc.clientID]))
        raw.ws.send(encoding.toUint8Array(e))
      }
      // A query-awareness round trip on the same socket proves the server processed both messages.
      const before = raw.received.length
      raw.ws.send(new Uint8Array([3]))
      await until(() => raw.received.length > before, 5000, 'the query answer')
      await new Promise((r) => setTimeout(r, 100))
      expect(seen).toEqual([])
      expect(observer.awareness.getStates().get(a.doc.clientID)).toMatchObject({
        user: teacher.participant,
        handRaisedAt: 1,
        place: 'remote',
      })
      raw.ws.close()
      fake.destroy()
    } finally {
      a.destroy()
      observer.destroy()
    }
  })

  it("removes a disconnected client's state for everyone at once", async () => {
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.teacher, 'T'))
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'L'))
    const c = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'M'))
    try {
      for (const p of [a, b, c]) p.awareness.setLocalStateField('place', 'remote')
      await until(() => users(a).length === 3 && users(c).length === 3, 5000, 'three states')
      const started = Date.now()
      b.destroy()
      await until(() => users(a).length === 2 && users(c).length === 2, 5000, 'the removal')
      expect(Date.now() - started).toBeLessThan(2000)
    } finally {
      a.destroy()
      c.destroy()
    }
  })
})
