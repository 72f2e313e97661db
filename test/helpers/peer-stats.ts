/**
 * What a page's WebRTC connections receive, as the browser counts it: an init script remembers
 * every RTCPeerConnection the page creates (the app's livekit-client included), and `received`
 * sums their statistics. Install before the page loads (or use a livekit-page's `lkRoom`).
 */
import type { Page } from 'playwright-core'

export interface Received {
  /** Video RTP bytes (inbound-rtp) over every receiver still listed. */
  videoBytes: number
  videoFrames: number
  /** Video packets the receiver counts as lost: gaps in the sequence numbers it was sent. */
  videoLost: number
  audioBytes: number
  /** Everything that arrived on the connections' transports: media, RTCP and data. */
  transportBytes: number
}

export async function watchPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection
    const all: RTCPeerConnection[] = []
    ;(window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = all
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config)
        all.push(this)
      }
    }
  })
}

export function received(page: Page): Promise<Received> {
  return page.evaluate(async () => {
    const w = window as unknown as { peerConnections?: RTCPeerConnection[]; lkRoom?: any }
    // A bare livekit-client page (helpers/livekit-page.ts) has one connection, its publisher's.
    const lk = w.lkRoom?.engine?.pcManager?.publisher?._pc as RTCPeerConnection | undefined
    const all = w.peerConnections ?? (lk ? [lk] : [])
    const r = { videoBytes: 0, videoFrames: 0, videoLost: 0, audioBytes: 0, transportBytes: 0 }
    for (const pc of all) {
      if (pc.connectionState === 'closed') continue
      ;(await pc.getStats()).forEach((s: Record<string, unknown>) => {
        const bytes = Number(s.bytesReceived ?? 0)
        if (s.type === 'transport') r.transportBytes += bytes
        if (s.type !== 'inbound-rtp') return
        if (s.kind === 'video') {
          r.videoBytes += bytes
          r.videoFrames += Number(s.framesDecoded ?? 0)
          r.videoLost += Number(s.packetsLost ?? 0)
        } else if (s.kind === 'audio') r.audioBytes += bytes
      })
    }
    return r
  })
}

/** What arrived over the next `ms`: the growth of each counter. */
export async function receivedOver(page: Page, ms: number): Promise<Received> {
  const a = await received(page)
  await new Promise((r) => setTimeout(r, ms))
  const b = await received(page)
  return {
    videoBytes: b.videoBytes - a.videoBytes,
    videoFrames: b.videoFrames - a.videoFrames,
    videoLost: b.videoLost - a.videoLost,
    audioBytes: b.audioBytes - a.audioBytes,
    transportBytes: b.transportBytes - a.transportBytes,
  }
}
