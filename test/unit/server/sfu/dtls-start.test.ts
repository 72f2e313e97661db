/**
 * Two werift connections as the SFU makes them, on loopback: the DTLS client (the answerer, as the
 * SFU is for browsers) says hello as soon as its ICE connects instead of 100 ms later, and the
 * other side, whose DTLS starts listening only when its own ICE connects a little later, keeps
 * the hello instead of waiting 500 ms for it again.
 */
import { describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { gathered } from '../../../helpers/werift-peers.ts'
import { sfuLikePeersClosedAfterEach } from '../../../helpers/sfu-like-peers.ts'

const HANDSHAKE = 22
const CLIENT_HELLO = 1

interface Sent {
  at: number
  clientHello: boolean
}

const loopbackPeer = sfuLikePeersClosedAfterEach()

/** Every DTLS packet `pc` sends, from its first ICE check on. */
function recordDtlsSent(pc: RTCPeerConnection): Sent[] {
  const sent: Sent[] = []
  pc.iceConnectionStateChange.subscribe(() => {
    for (const t of pc.iceTransports) {
      const connection = t.connection as unknown as { send(data: Buffer): Promise<void>; recorded?: true }
      if (connection.recorded) continue
      connection.recorded = true
      const send = connection.send.bind(connection)
      connection.send = (data: Buffer) => {
        sent.push({ at: performance.now(), clientHello: data[0] === HANDSHAKE && data[13] === CLIENT_HELLO })
        return send(data)
      }
    }
  })
  return sent
}

function when(pc: RTCPeerConnection, state: 'connected'): Promise<number> {
  return new Promise((resolve) => {
    pc.connectionStateChange.subscribe((s) => s === state && resolve(performance.now()))
  })
}

describe('DTLS on the SFU’s werift connections', () => {
  it('starts with the hello when ICE connects, and the late listener keeps it', async () => {
    const offerer = await loopbackPeer()
    const answerer = await loopbackPeer()
    offerer.addTransceiver('audio', { direction: 'recvonly' })
    offerer.createDataChannel('x')
    const sent = recordDtlsSent(answerer)
    let iceConnectedAt = 0
    let listenerIceConnectedAt = 0
    answerer.iceConnectionStateChange.subscribe((s) => {
      if (s === 'connected') iceConnectedAt = performance.now()
    })
    offerer.iceConnectionStateChange.subscribe((s) => {
      if (s === 'connected') listenerIceConnectedAt = performance.now()
    })
    const bothConnected = Promise.all([when(offerer, 'connected'), when(answerer, 'connected')])

    // Each side sends its description with every candidate, as the SFU and its clients do.
    await offerer.setLocalDescription(await offerer.createOffer())
    await gathered(offerer)
    await answerer.setRemoteDescription(offerer.localDescription!)
    await answerer.setLocalDescription(await answerer.createAnswer())
    await gathered(answerer)
    // The answer takes a while to reach the client; the answerer's ICE is checking meanwhile.
    await new Promise((r) => setTimeout(r, 50))
    await offerer.setRemoteDescription(answerer.localDescription!)
    await bothConnected

    const hellos = sent.filter((s) => s.clientHello)
    // The situation this is about: the hello left before the other side's DTLS was listening.
    expect(hellos[0]!.at).toBeLessThan(listenerIceConnectedAt)
    // The answerer is the DTLS client; werift alone sent its first hello 100 ms after ICE connected.
    expect(hellos[0]!.at - iceConnectedAt).toBeLessThan(50)
    // One hello (the SFU's werift DTLS servers ask for no cookie, dtls-without-cookie.ts): it did
    // not have to be sent again.
    expect(hellos).toHaveLength(1)
  })
})
