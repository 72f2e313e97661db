/**
 * werift's DTLS servers (the SFU's on the classic path's subscriber connection, the benchmark's
 * learners) answer a hello at once, as a browser does: no HelloVerifyRequest, one ClientHello, a
 * ServerHello numbered 0 as Chromium requires, and the handshake still agrees on its keys (a data
 * channel message crosses it both ways).
 */
import { describe, expect, it } from 'vitest'
import * as werift from 'werift'
import type { RTCDataChannel, RTCPeerConnection } from 'werift'
import { negotiateDirectly } from '../../../helpers/werift-peers.ts'
import { sfuLikePeersClosedAfterEach } from '../../../helpers/sfu-like-peers.ts'
import { dtlsServersWithoutCookie } from '../../../../server/media/sfu/dtls-without-cookie.ts'

const HANDSHAKE = 22
const CLIENT_HELLO = 1
const SERVER_HELLO = 2
const HELLO_VERIFY_REQUEST = 3

const loopbackPeer = sfuLikePeersClosedAfterEach()

/**
 * The DTLS handshake message types `pc` sends and receives (the first of each datagram), from its
 * first ICE check on, and the message_seq of each ServerHello received.
 */
function recordHandshakes(pc: RTCPeerConnection): { sent: number[]; received: number[]; serverHelloSeq: number[] } {
  const seen = { sent: [] as number[], received: [] as number[], serverHelloSeq: [] as number[] }
  // Record header (13 bytes), then msg_type (1), length (3), message_seq (2).
  const typeOf = (data: Buffer) => (data[0] === HANDSHAKE && data.length > 19 ? data[13]! : undefined)
  pc.iceConnectionStateChange.subscribe(() => {
    for (const t of pc.iceTransports) {
      const connection = t.connection as unknown as {
        send(data: Buffer): Promise<void>
        onData: { subscribe(f: (data: Buffer) => void): unknown }
        recorded?: true
      }
      if (connection.recorded) continue
      connection.recorded = true
      const send = connection.send.bind(connection)
      connection.send = (data: Buffer) => {
        const type = typeOf(data)
        if (type !== undefined) seen.sent.push(type)
        return send(data)
      }
      connection.onData.subscribe((data) => {
        const type = typeOf(data)
        if (type !== undefined) seen.received.push(type)
        if (type === SERVER_HELLO) seen.serverHelloSeq.push(data.readUInt16BE(17))
      })
    }
  })
  return seen
}

function connected(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => pc.connectionStateChange.subscribe((s) => s === 'connected' && resolve()))
}

function nextMessage(channel: RTCDataChannel): Promise<string> {
  return new Promise((resolve) => channel.onMessage.subscribe((m) => resolve(m.toString())))
}

function opened(channel: RTCDataChannel): Promise<void> {
  return channel.readyState === 'open'
    ? Promise.resolve()
    : new Promise((r) => channel.stateChanged.subscribe((s) => s === 'open' && r()))
}

describe('a werift DTLS server', () => {
  it('answers the hello without asking for a cookie, and both ends agree on the keys', async () => {
    dtlsServersWithoutCookie(werift)
    // The learner offers `actpass` and the SFU answers as the DTLS client, as in every join.
    const learner = await loopbackPeer()
    const sfu = await loopbackPeer()
    const fromLearner = learner.createDataChannel('check')
    const onSfu = new Promise<RTCDataChannel>((resolve) => sfu.onDataChannel.subscribe(resolve))
    const handshakes = recordHandshakes(sfu)
    const both = Promise.all([connected(learner), connected(sfu)])
    await negotiateDirectly(learner, sfu)
    await both

    expect(handshakes.sent.filter((t) => t === CLIENT_HELLO)).toHaveLength(1)
    expect(handshakes.received).not.toContain(HELLO_VERIFY_REQUEST)
    expect(handshakes.serverHelloSeq).toEqual([0])

    const toSfu = await onSfu
    await opened(fromLearner)
    const heard = nextMessage(toSfu)
    fromLearner.send('from the learner')
    expect(await heard).toBe('from the learner')
    const answered = nextMessage(fromLearner)
    toSfu.send('from the SFU')
    expect(await answered).toBe('from the SFU')
  })
})
