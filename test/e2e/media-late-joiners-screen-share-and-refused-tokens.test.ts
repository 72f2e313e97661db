/**
 * More of what a classroom needs from the embedded SFU, with the real livekit-client: a late
 * joiner receives every track already published (camera, microphone, screen share with its
 * audio); a bad or expired media token is refused with NotAllowed; grants are enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT } from 'jose'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { embeddedSfuKeys } from '../helpers/tokens.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkEvents, lkVideoStats, livekitPage } from '../helpers/livekit-page.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  // Screen capture without a picker: Chromium's fake UI picks the whole screen.
  browser = await launchBrowser([
    '--auto-select-desktop-capture-source=Entire screen',
    '--enable-usermedia-screen-capturing',
  ])
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const keys = () => embeddedSfuKeys(server.dataDir)

describe('embedded SFU with livekit-client', () => {
  it('a late joiner receives camera, microphone and screen share already being published', async () => {
    const s = await createSession(server.url)
    const a = await livekitPage(browser, server.url)
    await lkConnect(a, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'))
    await a.page.evaluate(async () => {
      const lp = (window as any).lkRoom.localParticipant
      await lp.setCameraEnabled(true)
      await lp.setMicrophoneEnabled(true)
      await lp.setScreenShareEnabled(true, { audio: true, video: true })
    })
    const late = await livekitPage(browser, server.url)
    await lkConnect(late, await joinAs(server.url, s.id, s.invites.learner, 'Late'))
    await expect
      .poll(async () => (await lkEvents(late, 'trackSubscribed')).map((e) => `${e.kind}:${e.source}`).sort(), {
        timeout: 30_000,
      })
      .toEqual(
        expect.arrayContaining(['audio:microphone', 'audio:screen_share_audio', 'video:camera', 'video:screen_share']),
      )
    // Both audio tracks carry sound to the latecomer, not only their announcements.
    await expect
      .poll(
        () =>
          late.page.evaluate(async () => {
            const stats: RTCStatsReport = await (window as any).lkRoom.engine.pcManager.publisher.getStats()
            let streams = 0
            stats.forEach((r: any) => {
              if (r.type === 'inbound-rtp' && r.kind === 'audio' && r.packetsReceived > 50) streams++
            })
            return streams
          }),
        { timeout: 20_000 },
      )
      .toBe(2)
    await expect
      .poll(
        async () =>
          (await lkVideoStats(late))
            .filter((v) => v.frames > 5)
            .map((v) => v.source)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(['camera', 'screen_share'])
    await a.close()
    await late.close()
  })

  it('refuses a tampered or expired token: connect() rejects with NotAllowed', async () => {
    const s = await createSession(server.url)
    const join = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const p = await livekitPage(browser, server.url)
    const attempt = (token: string) =>
      p.page.evaluate(
        async ({ url, token }) => {
          const LK = (window as any).LivekitClient
          const room = new LK.Room()
          try {
            await room.connect(url, token)
            return 'connected'
          } catch (e: any) {
            return `${e.name}|${e.reason}|${e.message}`
          }
        },
        { url: join.media.url, token },
      )
    const tampered = join.media.token.slice(0, -3) + 'abc'
    const r1 = await attempt(tampered)
    expect(r1).toMatch(/^ConnectionError\|0\|/)
    // Signed with the right key, expired a minute ago (beyond the verifier's clock tolerance).
    const { apiKey, apiSecret } = keys()
    const expired = await new SignJWT({ video: { room: `atrium-${s.id}`, roomJoin: true } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(apiKey)
      .setSubject('x')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(apiSecret))
    const r2 = await attempt(expired)
    expect(r2).toMatch(/^ConnectionError\|0\|.*expired/)
    // NotAllowed is ConnectionErrorReason 0 in livekit-client.
    const validate = await fetch(`${server.url}/rtc/v1/validate?access_token=${expired}`)
    expect(validate.status).toBe(401)
    expect(await validate.text()).toBe('token expired')
    await p.close()
  })

  it('enforces grants: an on-site learner cannot publish a microphone (the other grants: media-grants-limit-what-each-participant-does)', async () => {
    const s = await createSession(server.url)
    const onsite = await livekitPage(browser, server.url)
    await lkConnect(onsite, await joinAs(server.url, s.id, s.invites.onsite, 'On site'))
    const result = await onsite.page.evaluate(async () => {
      const lp = (window as any).lkRoom.localParticipant
      const out: string[] = []
      try {
        await lp.setMicrophoneEnabled(true)
        out.push('mic published')
      } catch (e: any) {
        out.push(`mic refused: ${e.name}`)
      }
      try {
        await lp.setCameraEnabled(true)
        out.push('camera published')
      } catch (e: any) {
        out.push(`camera refused: ${e.name}`)
      }
      return out
    })
    expect(result).toEqual([expect.stringMatching(/^mic refused/), 'camera published'])
    await onsite.close()
  })
})
