/**
 * The SFU enforces the grants in each media token, with the real livekit-client on both sides:
 * an observer (Atrium's subscribe-only role) sees and hears the class but can neither publish nor
 * send data; a token without `canSubscribe` receives no track; a `hidden` participant (a recorder,
 * say) receives everything and nobody sees it in the room. The last two are minted here with
 * livekit-server-sdk and the embedded SFU's keys, as an institution's own service would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessToken } from 'livekit-server-sdk'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { embeddedSfuKeys } from '../helpers/tokens.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkEvents, lkSendText, livekitPage, type LkPage } from '../helpers/livekit-page.ts'
import type { JoinResponse } from '#common/api/join.ts'

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A join response for a token minted with the embedded SFU's keys and these grants. */
async function minted(
  join: JoinResponse,
  sessionId: string,
  identity: string,
  grants: { canSubscribe?: boolean; hidden?: boolean },
): Promise<JoinResponse> {
  const { apiKey, apiSecret } = embeddedSfuKeys(server.dataDir)
  const token = new AccessToken(apiKey, apiSecret, { identity, name: identity })
  token.addGrant({ roomJoin: true, room: `atrium-${sessionId}`, canPublish: false, ...grants })
  return { ...join, media: { ...join.media, token: await token.toJwt() } }
}

/** Who a page sees in the room besides itself. */
function seen(p: LkPage): Promise<string[]> {
  return p.page.evaluate(() => [...(window as any).lkRoom.remoteParticipants.keys()].sort())
}

describe('grants in the media token', () => {
  it('limit an observer, a token without subscribe and a hidden participant to what they allow', async () => {
    const s = await createSession(server.url)
    const teacherJoin = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const teacher = await livekitPage(browser, server.url)
    await lkConnect(teacher, teacherJoin)
    await teacher.page.evaluate(async () => {
      const lp = (window as any).lkRoom.localParticipant
      await lp.setCameraEnabled(true)
      await lp.setMicrophoneEnabled(true)
    })

    const observer = await livekitPage(browser, server.url)
    const observerJoin = await joinAs(server.url, s.id, s.invites.observer, 'Visitor')
    await lkConnect(observer, observerJoin)
    const noSubscribe = await livekitPage(browser, server.url)
    await lkConnect(noSubscribe, await minted(teacherJoin, s.id, 'no-subscribe', { canSubscribe: false }))
    const recorder = await livekitPage(browser, server.url)
    await lkConnect(recorder, await minted(teacherJoin, s.id, 'recorder', { canSubscribe: true, hidden: true }))

    // The observer and the hidden recorder receive the teacher's camera and microphone.
    for (const p of [observer, recorder]) {
      await expect
        .poll(async () => (await lkEvents(p, 'trackSubscribed')).map((e) => `${e.kind}:${e.source}`).sort(), {
          timeout: 20_000,
        })
        .toEqual(['audio:microphone', 'video:camera'])
    }

    // The observer may not publish, nor send data.
    const publish = await observer.page.evaluate(async () => {
      try {
        await (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true)
        return 'published'
      } catch (e: any) {
        return `refused: ${e.name}`
      }
    })
    expect(publish).toMatch(/^refused/)
    // livekit-client refused by itself, from the permissions the SFU told it. Told otherwise, it
    // asks, and the SFU refuses as LiveKit does: no answer, so the client's publish times out.
    const forced = await observer.page.evaluate(async () => {
      const lp = (window as any).lkRoom.localParticipant
      lp.permissions = { ...lp.permissions, canPublish: true, canPublishSources: [] }
      try {
        await lp.setMicrophoneEnabled(true)
        return 'published'
      } catch (e: any) {
        return `refused: ${e.message}`
      }
    })
    expect(forced).toMatch(/^refused: .*timed out/)
    await lkSendText(observer, 'from the observer')
    await lkSendText(recorder, 'from the recorder')
    // The token without subscribe: in the room, given nothing.
    await sleep(2000)
    expect(await lkEvents(noSubscribe, 'trackSubscribed')).toEqual([])
    expect(await seen(noSubscribe)).toContain(teacherJoin.participant.identity)

    // The teacher sees the observer and the no-subscribe participant, never the recorder, and
    // receives no data from the observer (the recorder's token allows data).
    expect(await seen(teacher)).toEqual(['no-subscribe', observerJoin.participant.identity].sort())
    const texts = (await lkEvents(teacher, 'dataReceived')).map((e) => e.text)
    expect(texts).toEqual(['from the recorder'])
    // Nobody else published anything the teacher could receive.
    expect(await lkEvents(teacher, 'trackSubscribed')).toEqual([])
    expect(await lkEvents(teacher, 'participantConnected')).not.toContainEqual(
      expect.objectContaining({ who: 'recorder' }),
    )

    for (const p of [teacher, observer, noSubscribe, recorder]) await p.close()
  })
})
