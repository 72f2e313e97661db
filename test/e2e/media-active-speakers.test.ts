/**
 * Active speakers come from the audio-level header extension of the packets the SFU forwards:
 * when A's (fake, beeping) microphone is open, B's livekit-client reports A as speaking; muted,
 * A is no longer listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, lkEvents, livekitPage } from '../helpers/livekit-page.ts'

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

describe('active speakers', () => {
  it('B sees A speaking while A talks, and not after A mutes', async () => {
    const s = await createSession(server.url)
    const aJoin = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    await lkConnect(a, aJoin)
    await lkConnect(b, await joinAs(server.url, s.id, s.invites.learner, 'Ann'))
    await a.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))
    const speakers = async () =>
      ((await lkEvents(b, 'activeSpeakersChanged')).at(-1)?.speakers as string[] | undefined) ?? []
    await expect.poll(speakers, { timeout: 15_000 }).toContain(aJoin.participant.identity)
    await a.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(false))
    await expect.poll(speakers, { timeout: 15_000 }).toEqual([])
    await a.close()
    await b.close()
  })
})
