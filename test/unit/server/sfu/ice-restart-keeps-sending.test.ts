/**
 * An ICE restart (livekit-client restarts ICE when it resumes after its signal socket dropped)
 * keeps the SFU's media on the pair in use until the new checks nominate one, as browsers do.
 * werift forgot its pair when the restart began, so nothing went out until then: on a busy
 * machine a resumed learner's picture stood still for 2.1 s. The restart's end, a new pair and
 * the picture moving on, is in test/e2e/media-resumes-without-rejoining-after-the-signal-socket-drops.test.ts
 * (a werift offerer starts no checks after its own restart, so two werift peers cannot show it).
 */
import { describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { sendDatagram } from '../../../../server/media/sfu/werift-transport.ts'
import { gathered, negotiateDirectly } from '../../../helpers/werift-peers.ts'
import { sfuLikePeersClosedAfterEach } from '../../../helpers/sfu-like-peers.ts'

const loopbackPeer = sfuLikePeersClosedAfterEach()

interface IceAgent {
  nominated?: unknown
  send(data: Buffer): Promise<void>
  onData: { subscribe(listener: (data: Buffer) => void): unknown }
}

const agentOf = (pc: RTCPeerConnection) => pc.iceTransports[0]!.connection as unknown as IceAgent

const connected = (pc: RTCPeerConnection) =>
  new Promise<void>((resolve) => {
    if (pc.connectionState === 'connected') return resolve()
    pc.connectionStateChange.subscribe((s) => s === 'connected' && resolve())
  })

/** An RTP packet with a marker payload: what the SFU forwards, and what werift sends itself. */
const packet = (i: number) =>
  Buffer.concat([Buffer.from([0x80, 96, 0, i, 0, 0, 0, 0, 0, 0, 0, 1]), Buffer.alloc(100, i)])

describe('an ICE restart on the SFU’s werift connection', () => {
  it('keeps sending on the pair in use until the new checks nominate one', async () => {
    const browser = await loopbackPeer()
    const sfu = await loopbackPeer()
    browser.createDataChannel('x')
    await negotiateDirectly(browser, sfu)
    await Promise.all([connected(browser), connected(sfu)])

    let received = 0
    agentOf(browser).onData.subscribe((data) => {
      if (data[0] === 0x80 && data[1] === 96) received++
    })

    // The browser restarts ICE; the SFU applies the offer, and its new checks wait for the answer.
    await browser.setLocalDescription(await browser.createOffer({ iceRestart: true }))
    await gathered(browser)
    await sfu.setRemoteDescription(browser.localDescription!)
    const agent = agentOf(sfu)
    expect(agent.nominated).toBeUndefined()

    // The forwarding path (sendDatagram) and werift's own (RTCP, DTLS, data channels).
    const dtls = sfu.dtlsTransports[0]!
    for (let i = 0; i < 10; i++) {
      sendDatagram(dtls, packet(i))
      await agent.send(packet(100 + i))
    }
    await expect.poll(() => received, { timeout: 2000 }).toBe(20)
    // Still restarting: all of them went over the pair used before the restart.
    expect(agent.nominated).toBeUndefined()
  })
})
