/**
 * When the signalling WebSocket drops (a weak rural link, a proxy restart), livekit-client
 * recovers by itself and media flows again, for a subscriber and for a publisher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { lkEvents, lkFramesGrow, teacherAndLearner } from '../helpers/livekit-page.ts'

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

async function dropSignal(sessionId: string, identity: string) {
  expect(await server.atrium.sfu!.dropSignal(`atrium-${sessionId}`, identity)).toBe(true)
}

describe('signal loss', () => {
  it('a subscriber and a publisher both get media flowing again after their socket drops', async () => {
    const {
      session: s,
      teacher: a,
      learner: b,
      teacherJoin: aJoin,
      learnerJoin: bJoin,
    } = await teacherAndLearner(browser, server.url)
    await a.page.evaluate(() => (window as any).lkRoom.localParticipant.setCameraEnabled(true))
    const from = aJoin.participant.identity
    await lkFramesGrow(b, from)

    const started = Date.now()
    await dropSignal(s.id, bJoin.participant.identity)
    await expect.poll(async () => (await lkEvents(b, 'reconnected')).length, { timeout: 20_000 }).toBe(1)
    await lkFramesGrow(b, from)
    const recovery = Date.now() - started

    await dropSignal(s.id, aJoin.participant.identity)
    await expect.poll(async () => (await lkEvents(a, 'reconnected')).length, { timeout: 20_000 }).toBe(1)
    await lkFramesGrow(b, from)
    expect(await b.page.evaluate(() => (window as any).lkRoom.state)).toBe('connected')
    expect(recovery).toBeLessThan(15_000)
    await a.close()
    await b.close()
  })
})
