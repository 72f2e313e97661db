/**
 * An ICE restart whose candidates arrive before its offer, as the native LiveKit SDKs send them
 * when they resume: the SFU's connection (a real werift connection, made as the SFU makes it)
 * keeps them for that offer instead of adding them to the ICE session the offer then throws away.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SfuPeer } from '../../../../server/media/sfu/sfu-peer.ts'
import { loadWerift } from '../../../../server/media/sfu/werift-lazy.ts'
import { LOOPBACK_SFU_CONFIG } from '../../../helpers/werift-peers.ts'

/** A client's offer of one data section, with ICE credentials of its generation. */
function offer(ufrag: string, pwd: string): string {
  return [
    'v=0',
    'o=- 3868659320239155824 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 70:1A:74:5D:9B:C3:A9:2D:04:5F:85:E7:C8:D0:88:3B:A6:49:3E:45:4D:15:46:E2:D8:4A:0D:64:58:EC:5E:3B',
    'a=setup:actpass',
    'a=mid:0',
    'a=sctp-port:5000',
    '',
  ].join('\r\n')
}

function candidate(port: number, generation: number, ufrag: string) {
  return {
    candidate: `candidate:4144310471 1 udp 2122194687 127.0.0.1 ${port} typ host generation ${generation} ufrag ${ufrag} network-id 1`,
    sdpMid: '0',
    sdpMLineIndex: 0,
  }
}

let peer: SfuPeer | undefined
afterEach(async () => {
  await peer?.close()
  peer = undefined
})

async function sfuPeer(): Promise<SfuPeer> {
  await loadWerift()
  peer = new SfuPeer(LOOPBACK_SFU_CONFIG, {
    onTrack: () => {},
    onDataChannel: () => {},
    announced: () => undefined,
  })
  return peer
}

/** Ports of the remote candidates the connection's ICE session holds now. */
function remotePorts(p: SfuPeer): number[] {
  const connection = (p.pc.iceTransports[0] as unknown as { connection: { remoteCandidates: { port: number }[] } })
    .connection
  return connection.remoteCandidates.map((c) => c.port)
}

describe('candidates of an ICE restart that come before its offer', () => {
  it('are added once that offer is applied; candidates of the current session at once', async () => {
    const p = await sfuPeer()
    await p.answer(offer('D94B', 'aChwbS+GhfiilCmYR1trQ9Ky'))
    await p.addCandidate(candidate(40051, 0, 'D94B'))
    expect(remotePorts(p)).toEqual([40051])

    // The resume: the new generation's candidate first, then the offer that restarts ICE.
    await p.addCandidate(candidate(50614, 1, 'FR3C'))
    expect(remotePorts(p)).toEqual([40051])
    await p.answer(offer('FR3C', 'Ua6ZtTLGP950pi34u8fwfFAq'))
    expect(remotePorts(p)).toEqual([50614])

    // A late candidate of the session that ended is never added.
    await p.addCandidate(candidate(40052, 0, 'D94B'))
    await p.answer(offer('FR3C', 'Ua6ZtTLGP950pi34u8fwfFAq'))
    expect(remotePorts(p)).toEqual([50614])
  })

  it('are kept only up to 64, the latest: a client trickling for an offer that never comes takes no more memory', async () => {
    const p = await sfuPeer()
    await p.answer(offer('D94B', 'aChwbS+GhfiilCmYR1trQ9Ky'))
    for (let port = 50000; port < 50100; port++) await p.addCandidate(candidate(port, 1, 'FR3C'))
    await p.answer(offer('FR3C', 'Ua6ZtTLGP950pi34u8fwfFAq'))
    expect(remotePorts(p)).toEqual(Array.from({ length: 64 }, (_, i) => 50036 + i))
  })
})
