/**
 * A candidate a client trickles after its offer is added to the SFU's werift connection without
 * writing the whole remote description out as SDP text (werift did, about 3 ms a candidate with a
 * classroom's sections, on the room's thread), and the connection still comes up.
 */
import { describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { gathered } from '../../../helpers/werift-peers.ts'
import { sfuLikePeersClosedAfterEach } from '../../../helpers/sfu-like-peers.ts'

const peer = sfuLikePeersClosedAfterEach()

function connected(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => pc.connectionStateChange.subscribe((s) => s === 'connected' && resolve()))
}

/** A client's offer with many sections, and its candidates as it trickles them. */
async function offerAndCandidates(
  client: RTCPeerConnection,
): Promise<{ sdp: string; candidates: Parameters<RTCPeerConnection['addIceCandidate']>[0][] }> {
  const candidates: Parameters<RTCPeerConnection['addIceCandidate']>[0][] = []
  client.onIceCandidate.subscribe((c) => c && candidates.push(c.toJSON()))
  for (let i = 0; i < 12; i++) client.addTransceiver(i % 2 ? 'video' : 'audio', { direction: 'recvonly' })
  client.createDataChannel('_reliable')
  await client.setLocalDescription(await client.createOffer())
  await gathered(client)
  return { sdp: client.localDescription!.sdp, candidates }
}

interface WithRemote {
  sdpManager: { _remoteDescription: { toJSON(): unknown } }
}

describe('trickled ICE candidates on the SFU’s werift connections', () => {
  it('adds candidates that follow the offer without writing the remote description out', async () => {
    const client = await peer()
    const sfu = await peer()
    const offer = await offerAndCandidates(client)
    expect(offer.candidates.length).toBeGreaterThan(0)
    await sfu.setRemoteDescription({ type: 'offer', sdp: offer.sdp })
    await sfu.setLocalDescription(await sfu.createAnswer())
    await gathered(sfu)
    await client.setRemoteDescription(sfu.localDescription!)

    const remote = (sfu as unknown as WithRemote).sdpManager._remoteDescription
    const toJSON = remote.toJSON.bind(remote)
    let written = 0
    remote.toJSON = () => {
      written++
      return toJSON()
    }
    const up = Promise.all([connected(client), connected(sfu)])
    for (const candidate of offer.candidates) await sfu.addIceCandidate(candidate)
    expect(written).toBe(0)
    await up
  })
})
