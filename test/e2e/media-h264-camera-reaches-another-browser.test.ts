/**
 * H.264: a publisher that asks for it (livekit-client `videoCodec: 'h264'`) sends H.264 through
 * the embedded SFU, and another browser decodes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkVideoStats, livekitPage, type LkPage } from '../helpers/livekit-page.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

/** The codec of the page's video RTP stream in one direction, from its own stats. */
function videoCodec(p: LkPage, type: 'inbound-rtp' | 'outbound-rtp'): Promise<string> {
  return p.page.evaluate(async (type) => {
    const pc = (window as any).lkRoom.engine.pcManager.publisher._pc as RTCPeerConnection
    const stats = await pc.getStats()
    let mime = ''
    stats.forEach((s: any) => {
      if (s.type === type && s.kind === 'video' && s.codecId) mime = stats.get(s.codecId)?.mimeType ?? ''
    })
    return mime
  }, type)
}

describe('H.264', () => {
  it('a camera published in H.264 is forwarded as H.264 and decoded by another browser', async () => {
    const s = await createSession(server.url)
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    await lkConnect(a, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'), {
      publishDefaults: { simulcast: false, videoCodec: 'h264' },
    })
    await lkConnect(b, await joinAs(server.url, s.id, s.invites.learner, 'Ann'))
    await a.page.evaluate(() =>
      (window as any).lkRoom.localParticipant.setCameraEnabled(true, {
        resolution: { width: 640, height: 480, frameRate: 20 },
      }),
    )
    const published = await a.page.evaluate(() => {
      const pubs = [...(window as any).lkRoom.localParticipant.videoTrackPublications.values()]
      return pubs.map((p: any) => p.trackInfo?.mimeType)
    })
    expect(published).toEqual(['video/H264'])
    await expect.poll(() => videoCodec(a, 'outbound-rtp'), { timeout: 15_000 }).toBe('video/H264')

    await expect.poll(async () => (await lkVideoStats(b))[0]?.frames ?? 0, { timeout: 20_000 }).toBeGreaterThan(20)
    expect((await lkVideoStats(b))[0]!.width).toBeGreaterThanOrEqual(640)
    expect(await videoCodec(b, 'inbound-rtp')).toBe('video/H264')
    await a.close()
    await b.close()
  })
})
