/**
 * Bandwidth: a publisher on loopback reaches 640x480 at 1 Mbps or more while congestion feedback
 * stays negotiated, and its estimate falls when the link loses a fifth of its packets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, livekitPage, type LkPage } from '../helpers/livekit-page.ts'
import { noisyCameraClip } from '../helpers/noisy-camera.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser([`--use-file-for-fake-video-capture=${noisyCameraClip()}`])
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

interface SendStats {
  available: number
  bytesSent: number
  at: number
  width: number
  limitation: string
  feedback: string[]
}

function sendStats(p: LkPage): Promise<SendStats> {
  return p.page.evaluate(async () => {
    const pc = (window as any).lkRoom.engine.pcManager.publisher._pc as RTCPeerConnection
    const out: SendStats = { available: 0, bytesSent: 0, at: performance.now(), width: 0, limitation: '', feedback: [] }
    ;(await pc.getStats()).forEach((s: any) => {
      if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate)
        out.available = s.availableOutgoingBitrate
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        out.bytesSent += s.bytesSent
        out.width = s.frameWidth ?? 0
        out.limitation = s.qualityLimitationReason
      }
    })
    const sdp = pc.remoteDescription?.sdp ?? ''
    out.feedback = [...new Set([...sdp.matchAll(/a=rtcp-fb:\d+ (transport-cc|goog-remb)/g)].map((m) => m[1]!))]
    return out
  })
}

/** Samples the publisher once a second for up to `seconds`, until `done` says enough. */
async function watch(p: LkPage, seconds: number, done: (s: SendStats, kbps: number) => boolean): Promise<boolean> {
  let prev = await sendStats(p)
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = await sendStats(p)
    const kbps = ((now.bytesSent - prev.bytesSent) * 8) / (now.at - prev.at)
    prev = now
    if (done(now, kbps)) return true
  }
  return false
}

describe('publisher bandwidth on loopback', () => {
  it('reaches 640x480 at 1 Mbps or more with congestion feedback negotiated, and falls back under 20% loss', async () => {
    const s = await createSession(server.url)
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    await lkConnect(a, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'), {
      publishDefaults: { simulcast: false, videoEncoding: { maxBitrate: 2_500_000, maxFramerate: 20 } },
    })
    await lkConnect(b, await joinAs(server.url, s.id, s.invites.learner, 'Ann'))
    await a.page.evaluate(() =>
      (window as any).lkRoom.localParticipant.setCameraEnabled(true, {
        resolution: { width: 640, height: 480, frameRate: 20 },
      }),
    )
    // Congestion feedback stays negotiated: both transport-cc and REMB are in the server's answer.
    const first = await sendStats(a)
    expect(first.feedback.sort()).toEqual(['goog-remb', 'transport-cc'])

    // A clean link: the estimate and the bytes actually sent pass 1 Mbps, at full size.
    const reached = await watch(a, 20, (st, kbps) => st.available >= 1_000_000 && kbps >= 1000 && st.width === 640)
    expect(reached, 'publisher reached 640x480 at 1 Mbps').toBe(true)

    // A fifth of the packets lost each way: the server's estimate (REMB) brings the publisher down.
    server.atrium.sfu!.setSimulatedLoss(0.2)
    const fell = await watch(a, 12, (st) => st.available > 0 && st.available < 500_000)
    server.atrium.sfu!.setSimulatedLoss(0)
    expect(fell, 'estimate fell under 0.5 Mbps at 20% loss').toBe(true)
    await a.close()
    await b.close()
  })
})
