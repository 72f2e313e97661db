/**
 * Media from a section whose SSRCs the offer never named, found by its MID header extension
 * (RFC 8843, section 9.2) or its rid, and from then on routed by SSRC like any other stream.
 *
 * werift routes incoming RTP by the SSRCs an offer lists (`a=ssrc`) and drops the rest, unless the
 * packet names a simulcast layer (rid). A sender offering simulcast lists no SSRC: the native
 * LiveKit SDKs and livekit-client's defaults do that for cameras. The SFU accepts one layer
 * (`withOneSimulcastLayer` in sdp.ts), and werift's own rid routing would not do for it: it never
 * learns that layer's SSRC, which keyframe requests name. So the first packet of an unknown SSRC
 * registers it as its section's stream (the SFU negotiates no RTX: retransmissions come on the
 * same SSRC). Then the rid extensions are taken off every packet, and werift routes it by SSRC.
 */
import type { RTCPeerConnection, RtpPacket } from 'werift'

const SDES_MID = 'urn:ietf:params:rtp-hdrext:sdes:mid'
const RID = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id'
const REPAIRED_RID = 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id'

interface Receiver {
  track: { ssrc?: number }
  trackBySSRC: Record<number, unknown>
  codecs: Record<number, unknown>
}

interface Router {
  routeRtp(packet: RtpPacket): void
  ssrcTable: Record<number, unknown>
  ridTable: Record<string, unknown>
  extIdUriMap: Record<number, string>
}

export function demuxByMid<T extends RTCPeerConnection>(pc: T): T {
  const router = (pc as unknown as { router: Router }).router
  const route = router.routeRtp
  router.routeRtp = (packet) => {
    // Only the first packet of an unknown stream is read for its names; every packet is routed.
    if (router.ssrcTable[packet.header.ssrc] === undefined) {
      const receiver = receiverFor(pc, router, namesOf(packet, router.extIdUriMap))
      if (receiver) learn(router, receiver, packet)
    }
    dropRids(packet, router.extIdUriMap)
    route(packet)
  }
  return pc
}

function namesOf(packet: RtpPacket, uris: Record<number, string>): { mid?: string; rid?: string } {
  const named: { mid?: string; rid?: string } = {}
  for (const e of packet.header.extensions) {
    const uri = uris[e.id]
    if (uri === SDES_MID) named.mid = e.payload.toString('ascii')
    else if (isRid(uri)) named.rid ??= e.payload.toString('ascii')
  }
  return named
}

const isRid = (uri: string | undefined) => uri === RID || uri === REPAIRED_RID

/** Runs on every packet: a packet without a rid (almost all) is only looked at, nothing allocated. */
function dropRids(packet: RtpPacket, uris: Record<number, string>): void {
  const extensions = packet.header.extensions
  let i = 0
  while (i < extensions.length && !isRid(uris[extensions[i]!.id])) i++
  if (i < extensions.length) packet.header.extensions = extensions.filter((e) => !isRid(uris[e.id]))
}

function receiverFor(
  pc: RTCPeerConnection,
  router: Router,
  named: { mid?: string; rid?: string },
): Receiver | undefined {
  if (named.mid !== undefined) {
    const transceiver = pc.getTransceivers().find((t) => t.mid === named.mid)
    if (!transceiver || !['recvonly', 'sendrecv'].includes(transceiver.direction)) return undefined
    return transceiver.receiver as unknown as Receiver
  }
  return named.rid === undefined ? undefined : (router.ridTable[named.rid] as Receiver | undefined)
}

function learn(router: Router, receiver: Receiver, packet: RtpPacket): void {
  const { ssrc, payloadType } = packet.header
  const track = receiver.track
  // One stream per section: a second SSRC, or a payload type the section did not accept, is not it.
  if (receiver.codecs[payloadType] === undefined || (track.ssrc !== undefined && track.ssrc !== ssrc)) return
  track.ssrc = ssrc
  receiver.trackBySSRC[ssrc] = track
  router.ssrcTable[ssrc] = receiver
}
