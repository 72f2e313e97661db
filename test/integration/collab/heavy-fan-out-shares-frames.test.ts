/**
 * How the server paces what it relays. One person drawing for a few others: every change goes out
 * at once, in a frame of its own. A whole class writing to a whole class: changes are merged so
 * each reader gets a few dozen frames a second instead of thousands (a low-end device applies
 * each frame as one Yjs transaction), and nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { MessageType, SyncType } from '#common/protocol/y-messages.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { rawSocket, until, updateFrame, type RawSocket } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

/** The update a relayed sync frame carries, or undefined for any other frame. */
function relayedUpdate(frame: Uint8Array): Uint8Array | undefined {
  const d = decoding.createDecoder(frame)
  if (decoding.readVarUint(d) !== MessageType.Sync) return undefined
  const type = decoding.readVarUint(d)
  return type === SyncType.Update || type === SyncType.Step2 ? decoding.readVarUint8Array(d) : undefined
}

/** A reader that notes when each relayed update frame arrived. */
function reader(socket: RawSocket) {
  const arrivals: number[] = []
  const doc = new Y.Doc()
  socket.ws.on('message', (data: Buffer) => {
    const update = relayedUpdate(new Uint8Array(data))
    if (!update) return
    arrivals.push(performance.now())
    Y.applyUpdate(doc, update)
  })
  return { arrivals, doc, socket }
}

/** A writer with its own document; each `write` sends one update (one pushed item). */
function writer(socket: RawSocket, id: number) {
  const doc = new Y.Doc()
  const items = doc.getArray<string>('items')
  doc.on('update', (u: Uint8Array) => socket.ws.send(updateFrame(u)))
  let n = 0
  return { write: () => items.push([`${id}:${n++}`]), sent: () => n }
}

const framesBetween = (arrivals: number[], from: number, to: number) =>
  arrivals.filter((t) => t >= from && t < to).length

describe('relaying updates', () => {
  it('sends each change of one person drawing at once, in a frame of its own', async () => {
    const s = await createSession(server.url)
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const readers = [0, 1, 2].map(() => reader(rawSocket(learner, 'boards')))
    const writerSocket = rawSocket(learner, 'boards')
    try {
      await Promise.all([writerSocket.opened, ...readers.map((r) => r.socket.opened)])
      const w = writer(writerSocket, 0)
      for (let i = 0; i < 10; i++) {
        w.write()
        await new Promise((r) => setTimeout(r, 30))
      }
      await until(() => readers.every((r) => r.doc.getArray('items').length === 10), 5000, 'ten items')
      for (const r of readers) expect(r.arrivals).toHaveLength(10)
    } finally {
      for (const r of readers) r.socket.ws.close()
      writerSocket.ws.close()
    }
  })

  it('merges a whole class writing to a whole class into a few dozen frames a second, losing nothing', async () => {
    const s = await createSession(server.url)
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Bo')
    const readers = Array.from({ length: 120 }, () => reader(rawSocket(learner, 'boards')))
    const writerSockets = Array.from({ length: 12 }, () => rawSocket(learner, 'boards'))
    try {
      await Promise.all([...readers, ...writerSockets.map((socket) => ({ socket }))].map((r) => r.socket.opened))
      const writers = writerSockets.map((socket, i) => writer(socket, i))
      // 12 writers at 200 changes a second each, for 2 s: relayed one by one to all 132
      // connections that would be over 300,000 frames a second.
      const started = performance.now()
      const timer = setInterval(() => writers.forEach((w) => w.write()), 5)
      await new Promise((r) => setTimeout(r, 2000))
      clearInterval(timer)
      const stopped = performance.now()
      const total = writers.reduce((n, w) => n + w.sent(), 0)
      const sample = [readers[0]!, readers[59]!, readers[119]!]
      await until(() => sample.every((r) => r.doc.getArray('items').length === total), 15_000, 'every item')
      // The last second, once the server has measured the load: unmerged it would be ~200
      // frames a second (one per timer tick), merged at most 16 plus jitter.
      for (const r of sample) expect(framesBetween(r.arrivals, stopped - 1000, stopped)).toBeLessThan(60)
      expect(total).toBeGreaterThan(1000)
      expect(stopped - started).toBeLessThan(3000)
    } finally {
      for (const r of readers) r.socket.ws.close()
      for (const socket of writerSockets) socket.ws.close()
    }
  })
})
