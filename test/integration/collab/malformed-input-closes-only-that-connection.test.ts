/**
 * Garbage on the collab socket closes that connection with 4400; the document is untouched, the
 * other clients carry on, the server stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, rawSocket, until, waitSynced } from '../../helpers/collab-client.ts'
import type { JoinResponse } from '#common/api/join.ts'

let server: TestServer
let teacher: JoinResponse
let sessionId: string
beforeAll(async () => {
  server = await startTestServer()
  const s = await createSession(server.url)
  sessionId = s.id
  teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
})
afterAll(() => server.cleanup())

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder()
  for (const p of parts) p(e)
  return encoding.toUint8Array(e)
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n)
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b)

/**
 * A valid update with its last byte (the delete set) cut off: well framed, corrupt inside.
 * Y.applyUpdate would integrate the stroke and only then fail on the delete set.
 */
function corruptUpdate(): Uint8Array {
  const d = new Y.Doc()
  d.getArray('boards').push(['stroke'])
  return Y.encodeStateAsUpdate(d).slice(0, -1)
}

const badFrames: [string, Uint8Array | string][] = [
  ['random bytes', new Uint8Array([0xff, 0xfe, 0xfd, 0x13, 0x37, 0x00, 0x99])],
  ['a truncated varint', new Uint8Array([0x80, 0x80, 0x80])],
  ['an unknown message type', frame(uint(9))],
  ['an unknown sync type', frame(uint(0), uint(7), bytes(new Uint8Array([0, 0])))],
  ['a sync message without a body', frame(uint(0), uint(2))],
  ['trailing bytes after a message', new Uint8Array([...frame(uint(3)), 0x01])],
  ['a well-framed but corrupt update', frame(uint(0), uint(2), bytes(corruptUpdate()))],
  ['an awareness update with a bad state', frame(uint(1), bytes(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b])))],
  ['a text frame', 'hello'],
]

describe('malformed input on the collab socket', () => {
  it.each(badFrames)('%s closes that connection with 4400 and changes nothing', async (_label, bad) => {
    const good = connectDoc(teacher, 'boards')
    try {
      await waitSynced(good)
      good.doc.getMap('m').set('before', 1)
      await until(() => server.atrium.collab.loadedDocs().includes(`session/${sessionId}/boards`))
      const before = Y.encodeStateVector(good.doc)

      const raw = rawSocket(teacher, 'boards')
      await raw.opened
      raw.ws.send(bad)
      expect((await raw.closed).code).toBe(4400)

      // The good client still works, and the server saw nothing from the bad one.
      good.doc.getMap('m').set('after', 2)
      const probe = connectDoc(teacher, 'boards')
      await waitSynced(probe)
      await until(() => probe.doc.getMap('m').get('after') === 2, 5000, 'the good edit')
      expect(probe.doc.getMap('m').toJSON()).toEqual({ before: 1, after: 2 })
      expect(Y.encodeStateVector(good.doc)).not.toEqual(before)
      expect(probe.doc.getArray('boards').length).toBe(0)
      probe.destroy()
    } finally {
      good.destroy()
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
