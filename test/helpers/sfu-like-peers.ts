/**
 * SFU-like werift peers for a test file, closed after each test (kept apart from werift-peers.ts,
 * which the benchmarks import outside vitest).
 */
import { afterEach } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { sfuLikePeer } from './werift-peers.ts'

/** Makes SFU-like peers (`sfuLikePeer`) that are closed after the test that made them. */
export function sfuLikePeersClosedAfterEach(): () => Promise<RTCPeerConnection> {
  const open: RTCPeerConnection[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((pc) => pc.close()))
  })
  return async () => {
    const pc = await sfuLikePeer()
    open.push(pc)
    return pc
  }
}
