import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { MessageType } from '#common/protocol/y-messages.ts'
import type { JoinResponse } from '#common/api/join.ts'
import { withoutAwarenessEcho } from '../../../client/net/collab/without-awareness-echo.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { until, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

/** Atrium's client setup (as collab-manager.ts does it), counting the awareness frames it sends. */
function atriumClient(join: JoinResponse) {
  const sent = { awareness: 0 }
  class CountingSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]) {
      if (data instanceof Uint8Array && data[0] === MessageType.Awareness) sent.awareness++
      return (super.send as (...a: unknown[]) => void)(data, ...rest)
    }
  }
  const provider = withoutAwarenessEcho(
    new WebsocketProvider(join.collab.url, join.collab.docs.boards!, new Y.Doc(), {
      WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: join.collab.token },
    }),
  )
  return { provider, sent }
}

describe('awareness traffic in a class', () => {
  it("a client sends its own cursor moves, never back the others' it receives", async () => {
    const s = await createSession(server.url)
    const people = await Promise.all(
      ['Ann', 'Bo', 'Chen', 'Dai'].map((n) => joinAs(server.url, s.id, s.invites.learner, n)),
    )
    const clients = people.map(atriumClient)
    try {
      await Promise.all(clients.map((c) => waitSynced(c.provider)))
      const [ann, ...others] = clients
      ann!.provider.awareness.setLocalStateField('cursor', { x: 0, y: 0 })
      await until(() => others.every((o) => o.provider.awareness.getStates().has(ann!.provider.awareness.clientID)))
      const before = others.map((o) => o.sent.awareness)
      for (let i = 1; i <= 20; i++) {
        ann!.provider.awareness.setLocalStateField('cursor', { x: i, y: i })
        await new Promise((r) => setTimeout(r, 10))
      }
      const seen = (o: (typeof clients)[number]) =>
        (o.provider.awareness.getStates().get(ann!.provider.awareness.clientID) as { cursor?: { x: number } })?.cursor
          ?.x
      await until(() => others.every((o) => seen(o) === 20), 5000, 'the last cursor position everywhere')
      // The others saw twenty moves and sent nothing about them.
      expect(others.map((o) => o.sent.awareness)).toEqual(before)
      // Their own moves still go out.
      others[0]!.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 })
      await until(() => others[0]!.sent.awareness > before[0]!, 2000, 'own move sent')
      await until(
        () =>
          (
            ann!.provider.awareness.getStates().get(others[0]!.provider.awareness.clientID) as {
              cursor?: { x: number }
            }
          )?.cursor?.x === 5,
        5000,
        "Bo's cursor at Ann",
      )
    } finally {
      for (const c of clients) c.provider.destroy()
    }
  })
})
