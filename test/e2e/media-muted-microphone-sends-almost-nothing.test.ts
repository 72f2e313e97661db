/**
 * A learner who mutes the microphone stops loading their uplink: livekit-client publishes with
 * Opus DTX unless told otherwise, and the server's answer asks for it (`usedtx=1`, as LiveKit's
 * does), so a muted or silent microphone sends a packet now and then instead of fifty a second.
 * On a weak rural link, and for a server receiving thirty microphones of which three are open,
 * that is most of the audio traffic. A track published without DTX, or in stereo, is answered
 * as asked. Both signalling paths answer the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, livekitPage, type LkPage } from '../helpers/livekit-page.ts'

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

/** A learner of `sessionId` in a page of their own, connected on the given path. */
async function learner(sessionId: string, invite: string, name: string, path: '/rtc/v1' | '/rtc'): Promise<LkPage> {
  const p = await livekitPage(browser, server.url)
  await lkConnect(p, await joinAs(server.url, sessionId, invite, name), { singlePeerConnection: path === '/rtc/v1' })
  return p
}

/** Publishes the page's microphone with livekit-client's publish options `options`, then mutes it. */
function publishMutedMicrophone(p: LkPage, options: Record<string, unknown>): Promise<void> {
  return p.page.evaluate(async (options) => {
    const lp = (window as any).lkRoom.localParticipant
    await lp.setMicrophoneEnabled(true, undefined, options)
    await lp.getTrackPublication('microphone').mute()
  }, options)
}

/** RTP packets a second the page's microphone sends, counted by its own stats over `ms`. */
async function microphonePacketsPerSecond(p: LkPage, ms = 3000): Promise<number> {
  const sent = () =>
    p.page.evaluate(async () => {
      let n = 0
      const stats: RTCStatsReport = await (window as any).lkRoom.engine.pcManager.publisher.getStats()
      stats.forEach((s: any) => {
        if (s.type === 'outbound-rtp' && s.kind === 'audio') n += s.packetsSent
      })
      return n
    })
  const before = await sent()
  const t0 = Date.now()
  await new Promise((r) => setTimeout(r, ms))
  return ((await sent()) - before) / ((Date.now() - t0) / 1000)
}

/** The Opus fmtp line the server's answer gave the page's microphone section. */
function microphoneFmtp(p: LkPage): Promise<string> {
  return p.page.evaluate(() => {
    const room = (window as any).lkRoom
    const pc: RTCPeerConnection = room.engine.pcManager.publisher._pc
    const sender = room.localParticipant.getTrackPublication('microphone').track.sender
    const mid = pc.getTransceivers().find((t) => t.sender === sender)?.mid
    const section = pc.remoteDescription!.sdp.split(/\r\n(?=m=)/).find((s) => s.includes(`\r\na=mid:${mid}\r\n`)) ?? ''
    const pt = /a=rtpmap:(\d+) opus\/48000/i.exec(section)?.[1]
    return new RegExp(`a=fmtp:${pt} (.*)`).exec(section)?.[1]?.trim() ?? ''
  })
}

describe('a muted microphone', () => {
  it('sends a few packets a second with DTX, on both signalling paths, and fifty without', async () => {
    const s = await createSession(server.url)
    const single = await learner(s.id, s.invites.learner, 'Ann', '/rtc/v1')
    const classic = await learner(s.id, s.invites.learner, 'Bo', '/rtc')
    const noDtx = await learner(s.id, s.invites.learner, 'Cai', '/rtc/v1')
    await publishMutedMicrophone(single, {})
    await publishMutedMicrophone(classic, {})
    await publishMutedMicrophone(noDtx, { dtx: false })
    // Opus enters DTX after a few hundred milliseconds of silence.
    await new Promise((r) => setTimeout(r, 1500))

    const [rateSingle, rateClassic, rateNoDtx] = await Promise.all([
      microphonePacketsPerSecond(single),
      microphonePacketsPerSecond(classic),
      microphonePacketsPerSecond(noDtx),
    ])
    expect(rateSingle).toBeLessThan(10)
    expect(rateClassic).toBeLessThan(10)
    expect(rateNoDtx).toBeGreaterThan(40)

    expect(await microphoneFmtp(single)).toMatch(/(^|;)usedtx=1(;|$)/)
    expect(await microphoneFmtp(classic)).toMatch(/(^|;)usedtx=1(;|$)/)
    expect(await microphoneFmtp(noDtx)).not.toMatch(/usedtx/)
    for (const p of [single, classic, noDtx]) await p.close()
  })

  it('is answered in stereo when published in stereo', async () => {
    const s = await createSession(server.url)
    const p = await learner(s.id, s.invites.learner, 'Dana', '/rtc/v1')
    await publishMutedMicrophone(p, { forceStereo: true })
    const fmtp = await microphoneFmtp(p)
    expect(fmtp).toMatch(/(^|;)stereo=1(;|$)/)
    expect(fmtp).toMatch(/(^|;)maxaveragebitrate=510000(;|$)/)
    await p.close()
  })
})
