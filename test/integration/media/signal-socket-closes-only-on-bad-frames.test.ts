/**
 * A bad signal frame closes that one connection with a code that says why (1009 too large, 1003
 * malformed) and the SFU keeps serving everyone else in the room, on both signalling paths
 * (`/rtc/v1`, one peer connection, and the classic `/rtc`, two).
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

async function newcomer(name: string, path: '/rtc/v1' | '/rtc' = '/rtc/v1'): Promise<SignalClient> {
  const j = await joinAs(server.url, session.id, session.invites.learner, name)
  const c = await SignalClient.open(server.url, j.media.token, { path })
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

describe.each(['/rtc/v1', '/rtc'] as const)('bad frames on the signal socket of %s', (path) => {
  it('closes a connection that sends a frame over 1 MiB with 1009', async () => {
    const c = await newcomer('Big', path)
    c.sendRaw(new Uint8Array(1024 * 1024 + 1))
    expect((await c.closed).code).toBe(1009)
    await bystanderStillServed()
  })

  it('accepts a large but valid frame under the limit', async () => {
    const c = await newcomer('Large', path)
    // An offer that is not valid SDP: refused by the peer connection, not by the socket.
    c.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: 'x'.repeat(900 * 1024), id: 9 }) })
    const stamp = 42n
    c.send({ case: 'ping', value: stamp })
    expect(await c.nextOf('pong')).toBe(stamp)
    c.close()
  })

  it('closes a connection that sends bytes that are not protobuf with 1003', async () => {
    const c = await newcomer('Garbage', path)
    c.sendRaw(new Uint8Array([0x07, 0xff, 0x13, 0x37]))
    expect((await c.closed).code).toBe(1003)
    await bystanderStillServed()
  })

  it('closes a connection that sends a truncated SignalRequest with 1003', async () => {
    const c = await newcomer('Truncated', path)
    const whole = new SignalRequest({
      message: { case: 'offer', value: new SessionDescription({ type: 'offer', sdp: 'v=0\r\n'.repeat(50), id: 3 }) },
    }).toBinary()
    c.sendRaw(whole.subarray(0, whole.length - 20))
    expect((await c.closed).code).toBe(1003)
    await bystanderStillServed()
  })

  it('closes a connection that sends a text frame with 1003', async () => {
    const c = await newcomer('Text', path)
    c.sendRaw('{"offer":{}}')
    expect((await c.closed).code).toBe(1003)
    await bystanderStillServed()
  })

  it('keeps a connection whose answer is not SDP or answers no offer, and serves it on', async () => {
    const c = await newcomer('Nonsense', path)
    c.send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp: 'not sdp', id: 1 }) })
    c.send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp: 'v=0\r\n', id: 99 }) })
    const stamp = 7n
    c.send({ case: 'ping', value: stamp })
    expect(await c.nextOf('pong')).toBe(stamp)
    expect(c.ws.readyState).toBe(WebSocket.OPEN)
    c.close()
    await bystanderStillServed()
  })
})

/** An upgrade to `path` with this query; resolves with the HTTP status (101 when it opened). */
function upgradeStatus(path: string, query: Record<string, string>): Promise<number> {
  const url = new URL(path, server.url.replace(/^http/, 'ws'))
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  return new Promise<number>((resolve) => {
    const ws = new WebSocket(url)
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('open', () => {
      resolve(101)
      ws.close()
    })
    ws.once('error', () => undefined)
  })
}

describe('bad join requests', () => {
  it('refuses an upgrade whose join request is garbage or whose flags are nonsense, and serves the next one', async () => {
    const j = await joinAs(server.url, session.id, session.invites.learner, 'Mangled')
    const token = j.media.token
    const garbage = Buffer.from([0x07, 0xff, 0x00]).toString('base64url')
    expect(await upgradeStatus('/rtc/v1', { access_token: token, join_request: garbage })).toBe(400)
    expect(await upgradeStatus('/rtc/v1', { access_token: token })).toBe(400)
    expect(await upgradeStatus('/rtc', { access_token: token, reconnect: 'maybe' })).toBe(400)
    // The participant a classic client resumes is named by `sid`; a name of any length is refused.
    expect(await upgradeStatus('/rtc', { access_token: token, reconnect: '1', sid: `PA_${'x'.repeat(100)}` })).toBe(400)
    expect(await upgradeStatus('/rtc', { access_token: 'not a token' })).toBe(401)
    // A well-formed join right after is served, on either path.
    for (const path of ['/rtc/v1', '/rtc'] as const) (await newcomer('Next', path)).close()
    await bystanderStillServed()
  })
})
