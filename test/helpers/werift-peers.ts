/**
 * werift peer connections made as the SFU makes them (withServerDefaults, with the werift fixes
 * loaded), bound to loopback: for tests of those fixes with both ends in this process.
 */
import type { RTCPeerConnection } from 'werift'
import { loadWerift } from '../../server/media/sfu/werift-lazy.ts'
import { withServerDefaults } from '../../server/media/sfu/werift-defaults.ts'
import { onlyAddresses } from '../../server/media/sfu/sfu-peer.ts'
import type { SfuConfig } from '../../server/media/sfu/sfu-config.ts'

/** A werift peer connection's settings for loopback only: host candidates on 127.0.0.1, no STUN. */
export const LOOPBACK_PEER = {
  iceServers: [],
  iceUseIpv6: false,
  ...onlyAddresses(['127.0.0.1']),
}

/** The embedded SFU's settings for loopback only, for its connections made directly in a test. */
export const LOOPBACK_SFU_CONFIG: SfuConfig = {
  apiKey: 'k',
  apiSecret: 's',
  rtcAddresses: ['127.0.0.1'],
  portRange: undefined,
  iceServers: [],
}

export async function sfuLikePeer(): Promise<RTCPeerConnection> {
  const { RTCPeerConnection } = await loadWerift()
  return withServerDefaults(new RTCPeerConnection(LOOPBACK_PEER))
}

/** One offer and answer, each with every candidate (as the SFU and its clients send them). */
export async function negotiateDirectly(offerer: RTCPeerConnection, answerer: RTCPeerConnection): Promise<void> {
  await offerer.setLocalDescription(await offerer.createOffer())
  await gathered(offerer)
  await answerer.setRemoteDescription(offerer.localDescription!)
  await answerer.setLocalDescription(await answerer.createAnswer())
  await gathered(answerer)
  await offerer.setRemoteDescription(answerer.localDescription!)
}

/** Resolves once `pc` has gathered its candidates (its description then carries them all). */
export function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve()
  return new Promise((resolve) => {
    pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve())
  })
}
