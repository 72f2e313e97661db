/**
 * The SFU's ICE agent (werift, controlled) reports connected, and so starts DTLS, as soon as the
 * browser has nominated a pair, even when more of the browser's trickled candidates arrive right
 * after: werift alone went on checking those, one every 20 ms, before it reported connected.
 */
import { describe, expect, it } from 'vitest'
import { loadWerift } from '../../../../server/media/sfu/werift-lazy.ts'
import { negotiateDirectly } from '../../../helpers/werift-peers.ts'
import { sfuLikePeersClosedAfterEach } from '../../../helpers/sfu-like-peers.ts'

const LATE_CANDIDATES = 10

const loopbackPeer = sfuLikePeersClosedAfterEach()

interface IceAgent {
  nominated?: unknown
  checkComplete(pair: unknown): void
  addRemoteCandidate(candidate: unknown): void
}

describe('ICE on the SFU’s werift connections', () => {
  it('reports connected at nomination, not after checking candidates that arrived later', async () => {
    const { Candidate } = await loadWerift()
    const browser = await loopbackPeer()
    const sfu = await loopbackPeer()
    browser.addTransceiver('audio', { direction: 'recvonly' })
    browser.createDataChannel('x')

    let nominatedAt = 0
    let connectedAt = 0
    sfu.iceConnectionStateChange.subscribe((s) => {
      if (s === 'checking') {
        // The moment the SFU's agent takes a nomination, ten more candidates trickle in.
        const agent = sfu.iceTransports[0]!.connection as unknown as IceAgent
        const complete = agent.checkComplete.bind(agent)
        agent.checkComplete = (pair) => {
          const before = agent.nominated
          complete(pair)
          if (before || !agent.nominated) return
          nominatedAt = performance.now()
          for (let i = 0; i < LATE_CANDIDATES; i++) {
            agent.addRemoteCandidate(Candidate.fromSdp(`${900 + i} 1 udp ${2_000_000 - i} 127.0.0.1 ${9 + i} typ host`))
          }
        }
      }
      if (s === 'connected') connectedAt = performance.now()
    })
    const connected = new Promise<void>((resolve) => {
      sfu.connectionStateChange.subscribe((s) => s === 'connected' && resolve())
    })

    await negotiateDirectly(browser, sfu)
    await connected

    expect(nominatedAt).toBeGreaterThan(0)
    // Checking the late pairs one by one took 20 ms each (200 ms here).
    expect(connectedAt - nominatedAt).toBeLessThan(100)
  })
})
