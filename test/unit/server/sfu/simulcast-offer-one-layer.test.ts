/**
 * A camera offered with simulcast, as the native LiveKit SDKs (and livekit-client's defaults) offer
 * it: layers by rid, no SSRC. The SFU keeps the best layer in the offer, and its werift connection
 * (made as the SFU makes it) receives that one stream, though the offer never named its SSRC: the
 * stream is found by its MID (or its rid), and a rid on a packet breaks nothing. RTP is handed to the connection's router as its DTLS transport would.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { RTCPeerConnection, RtpPacket as RtpPacketType } from 'werift'
import { createPeerConnection } from '../../../../server/media/sfu/sfu-peer.ts'
import { withOneSimulcastLayer } from '../../../../server/media/sfu/sdp.ts'
import { loadWerift } from '../../../../server/media/sfu/werift-lazy.ts'
import { LOOPBACK_SFU_CONFIG } from '../../../helpers/werift-peers.ts'

const EXT = { mid: 4, rid: 10, repairedRid: 11 }

/** The video part of the Rust SDK's offer (two layers, `h` first), trimmed to what matters here. */
function rustSdkOffer(): string {
  return [
    'v=0',
    'o=- 3717935151925964712 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    'a=ice-ufrag:09e4',
    'a=ice-pwd:68b4cf1753bd0521c3bca2d4',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 F4:23:0B:2B:38:3F:61:6A:D9:69:6D:53:BA:24:6C:47:11:A2:36:24:B7:89:47:67:AD:73:78:41:0F:5F:E6:58',
    'a=setup:actpass',
    'a=mid:0',
    `a=extmap:${EXT.mid} urn:ietf:params:rtp-hdrext:sdes:mid`,
    `a=extmap:${EXT.rid} urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id`,
    `a=extmap:${EXT.repairedRid} urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id`,
    'a=sendonly',
    'a=msid:- d878e25d-9342-4742-8740-332f8640fc3a',
    'a=rtcp-mux',
    'a=rtcp-rsize',
    'a=rtpmap:96 VP8/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=rid:h send',
    'a=rid:q send',
    'a=simulcast:send h;q',
    '',
  ].join('\r\n')
}

let pc: RTCPeerConnection | undefined
afterEach(async () => {
  await pc?.close()
  pc = undefined
})

async function sfuAnswering(offer: string) {
  await loadWerift()
  pc = createPeerConnection(LOOPBACK_SFU_CONFIG)
  const tracks: { ssrc?: number }[] = []
  pc.onTrack.subscribe((t) => tracks.push(t))
  await pc.setRemoteDescription({ type: 'offer', sdp: withOneSimulcastLayer(offer) })
  await pc.setLocalDescription(await pc.createAnswer())
  const received: { ssrc: number; seq: number; pt: number; payload: string }[] = []
  expect(tracks).toHaveLength(1)
  ;(
    tracks[0] as unknown as { onReceiveRtp: { subscribe(f: (p: RtpPacketType) => void): void } }
  ).onReceiveRtp.subscribe((p) =>
    received.push({
      ssrc: p.header.ssrc,
      seq: p.header.sequenceNumber,
      pt: p.header.payloadType,
      payload: p.payload.toString(),
    }),
  )
  const route = (p: RtpPacketType) =>
    (pc as unknown as { router: { routeRtp(p: RtpPacketType): void } }).router.routeRtp(p)
  return { answer: pc.localDescription!.sdp, track: tracks[0]!, received, route }
}

async function packet(
  o: { ssrc: number; seq: number; mid?: string; rid?: string },
  payload: Buffer,
): Promise<RtpPacketType> {
  const { RtpHeader, RtpPacket } = await loadWerift()
  const extensions = [
    ...(o.mid ? [{ id: EXT.mid, payload: Buffer.from(o.mid) }] : []),
    ...(o.rid ? [{ id: EXT.rid, payload: Buffer.from(o.rid) }] : []),
  ]
  const header = new RtpHeader({
    payloadType: 96,
    sequenceNumber: o.seq,
    timestamp: o.seq * 3000,
    ssrc: o.ssrc,
    extension: extensions.length > 0,
    extensions,
  })
  return new RtpPacket(header, payload)
}

describe('a camera offered with simulcast', () => {
  it('is answered with its best layer only', async () => {
    const { answer } = await sfuAnswering(rustSdkOffer())
    expect(answer).toMatch(/^a=simulcast:recv h\s*$/m)
    expect(answer).toMatch(/^a=rid:h recv$/m)
    expect(answer).not.toMatch(/^a=rid:q/m)
  })

  it('keeps livekit-client’s full layer when it lists the layers lowest first', () => {
    const offer = rustSdkOffer().replace(
      'a=rid:h send\r\na=rid:q send\r\na=simulcast:send h;q',
      'a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f',
    )
    const kept = withOneSimulcastLayer(offer)
    expect(kept).toMatch(/^a=simulcast:send f$/m)
    expect(kept.match(/^a=rid:.*$/gm)).toEqual(['a=rid:f send'])
  })

  it('is received though the offer named no SSRC', async () => {
    const { track, received, route } = await sfuAnswering(rustSdkOffer())
    // A stream nobody announced and that names no section goes nowhere, as before.
    route(await packet({ ssrc: 5555, seq: 1 }, Buffer.from('stray')))
    expect(received).toEqual([])

    // The first packets carry the MID and the layer's rid.
    route(await packet({ ssrc: 1111, seq: 100, mid: '0', rid: 'h' }, Buffer.from('frame-100')))
    // libwebrtc stops sending them once the stream is known.
    route(await packet({ ssrc: 1111, seq: 102 }, Buffer.from('frame-102')))
    // 101 was lost and is sent again (the SFU negotiates no RTX: on the stream's own SSRC).
    route(await packet({ ssrc: 1111, seq: 101 }, Buffer.from('frame-101')))
    expect(received).toEqual([
      { ssrc: 1111, seq: 100, pt: 96, payload: 'frame-100' },
      { ssrc: 1111, seq: 102, pt: 96, payload: 'frame-102' },
      { ssrc: 1111, seq: 101, pt: 96, payload: 'frame-101' },
    ])
    // Keyframe requests name the stream's SSRC.
    expect(track.ssrc).toBe(1111)
  })

  it('is received when its packets name a rid that was not kept, or only their rid', async () => {
    const { received, route } = await sfuAnswering(rustSdkOffer())
    route(await packet({ ssrc: 3333, seq: 1, rid: 'h' }, Buffer.from('by rid')))
    route(await packet({ ssrc: 3333, seq: 2, mid: '0', rid: 'q' }, Buffer.from('rid not kept')))
    expect(received.map((r) => r.payload)).toEqual(['by rid', 'rid not kept'])
  })
})
