/**
 * At 2% packet loss in each direction (simulated inside the SFU), video keeps playing: lost
 * packets are asked for again (NACK) and retransmitted, keyframes are requested when needed. Also
 * for a camera offered with simulcast (livekit-client's default), whose stream and retransmission
 * stream the SFU learns from the packets (mid-demux.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkLongestStill, lkVideoStats, livekitPage } from '../helpers/livekit-page.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_RTC_SIMULATED_LOSS: '2' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('2% packet loss', () => {
  it.each([
    { simulcast: false, offered: 'one stream' },
    { simulcast: true, offered: 'simulcast' },
  ])('does not freeze the video offered as $offered: NACKs are sent and answered', async ({ simulcast }) => {
    const s = await createSession(server.url)
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    await lkConnect(a, teacher, { publishDefaults: { simulcast } })
    await lkConnect(b, await joinAs(server.url, s.id, s.invites.learner, 'Ann'))
    await a.page.evaluate(() =>
      (window as any).lkRoom.localParticipant.setCameraEnabled(true, {
        resolution: { width: 640, height: 480, frameRate: 20 },
      }),
    )
    await expect.poll(async () => (await lkVideoStats(b))[0]?.frames ?? 0, { timeout: 20_000 }).toBeGreaterThan(20)

    // Ten seconds of watching: the longest stretch without a new decoded frame.
    const longestStall = await lkLongestStill(b, teacher.participant.identity, 10_000, 200)
    expect(longestStall).toBeLessThan(1500)

    const nacks = await b.page.evaluate(async () => {
      const pc = (window as any).lkRoom.engine.pcManager.publisher._pc as RTCPeerConnection
      let n = 0
      ;(await pc.getStats()).forEach((s: any) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') n += s.nackCount ?? 0
      })
      return n
    })
    expect(nacks).toBeGreaterThan(0)
    await a.close()
    await b.close()
  })
})
