/**
 * A camera switched off and straight back on (or a publisher that rejoins) is a new track on the
 * subscriber's connection, reusing a section the old track left: it must reach the others again.
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

/** Frames decoded from the n-th video track B subscribed to (each subscription adds an element). */
const framesOf = async (p: LkPage, n: number) => (await lkVideoStats(p))[n]?.frames ?? 0

describe('republished camera', () => {
  it('reaches the subscriber each time it is switched back on', async () => {
    const s = await createSession(server.url)
    const a = await livekitPage(browser, server.url)
    const b = await livekitPage(browser, server.url)
    await lkConnect(a, await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'))
    await lkConnect(b, await joinAs(server.url, s.id, s.invites.learner, 'Ann'))
    for (let round = 0; round < 3; round++) {
      await a.page.evaluate(async () => {
        const local = (window as any).lkRoom.localParticipant
        await local.setCameraEnabled(true)
      })
      await expect.poll(() => framesOf(b, round), { timeout: 20_000 }).toBeGreaterThan(10)
      // Off and at once on again: the old section is freed and a new track is placed.
      await a.page.evaluate(async () => {
        const local = (window as any).lkRoom.localParticipant
        const pub = [...local.videoTrackPublications.values()][0]
        await local.unpublishTrack(pub.track, true)
      })
    }
    await a.close()
    await b.close()
  })
})
