/**
 * A bad signal frame closes that one connection with a code that says why (1009 too large, 1003
 * malformed) and the SFU keeps serving everyone else in the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SessionDescription, SignalRequest } from '@livekit/protocol'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient } from '../../helpers/signal-client.ts'
import type { CreateSessionResponse } from '#common/api/sessions.ts'

let server: TestServer
let session: CreateSessionResponse
let bystander: SignalClient

beforeAll(async () => {
  server = await startTestServer()
  session = await createSession(server.url)
  const j = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
  bystander = await SignalClient.open(server.url, j.media.token)
  await bystander.nextOf('join')
})
afterAll(async () => {
  bystander?.close()
  await server?.cleanup()
})

async function newcomer(name: string): Promise<SignalClient> {
  const j = await joinAs(server.url, session.id, session.invites.learner, name)
  const c = await SignalClient.open(server.url, j.media.token)
  await c.nextOf('join')
  return c
}

/** The bystander, in the same room all along, still gets answers. */
async function bystanderStillServed(): Promise<void> {
  const stamp = BigInt(Date.now())
  bystander.send({ case: 'ping', value: stamp })
  expect(await bystander.nextOf('pong')).toBe(stamp)
  expect(bystander.ws.readyState).toBe(WebSocket.OPEN)
}

describe('bad frames on the signal socket', () => {
  it('closes a connection that sends a frame over 1 MiB with 1009', async () => {
    const c = await newcomer('Big')
    c.sendRaw(new Uint8Array(1024 * 1024 + 1))
    expect((await c.closed).code).toBe(1009)
    await bystanderStillServed()
  })

  it('accepts a large but valid frame under the limit', async () => {
    const c = await newcomer('Large')
    // An offer that is not valid SDP: refused by the peer connection, not by the socket.
    c.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: 'x'.repeat(900 * 1024), id: 9 }) })
    const stamp = 42n
    c.send({ case: 'ping', value: stamp })
    expect(await c.nextOf('pong')).toBe(stamp)
    c.close()
  })

  it('closes a connection that sends bytes that are not protobuf with 1003', async () => {
    const c = await newcomer('Garbage')
    c.sendRaw(new Uint8Array([0x07, 0xff, 0x13, 0x37]))
    expect((await c.closed).code).toBe(1003)
    await bystanderStillServed()
  })

  it('closes a connection that sends a truncated SignalRequest with 1003', async () => {
    const c = await newcomer('Truncated')
    const whole = new SignalRequest({
      message: { case: 'offer', value: new SessionDescription({ type: 'offer', sdp: 'v=0\r\n'.repeat(50), id: 3 }) },
    }).toBinary()
    c.sendRaw(whole.subarray(0, whole.length - 20))
    expect((await c.closed).code).toBe(1003)
    await bystanderStillServed()
  })

  it('closes a connection that sends a text frame with 1003', async () => {
    const c = await newcomer('Text')
    c.sendRaw('{"offer":{}}')
    expect((await c.closed).code).toBe(1003)
    await bystanderStillServed()
  })

  it('refuses an upgrade whose join request is garbage, and serves the next one', async () => {
    const j = await joinAs(server.url, session.id, session.invites.learner, 'Mangled')
    for (const path of ['/rtc/v1', '/rtc']) {
      const url = new URL(path, server.url.replace(/^http/, 'ws'))
      url.searchParams.set('access_token', j.media.token)
      url.searchParams.set('join_request', Buffer.from([0x07, 0xff, 0x00]).toString('base64url'))
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(url)
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.once('open', () => resolve(101))
        ws.once('error', () => undefined)
      })
      expect(status, path).toBeGreaterThanOrEqual(400)
    }
    // A well-formed join right after is served.
    const c = await newcomer('Next')
    c.close()
    await bystanderStillServed()
  })
})
