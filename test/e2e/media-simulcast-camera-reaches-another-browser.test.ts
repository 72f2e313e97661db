/**
 * livekit-client's own defaults publish a camera with simulcast (layers named by rid). Apps built
 * on them, not only Atrium's client (which turns simulcast off), must be seen through the embedded
 * SFU: it accepts only the best layer, so the browser sends that one at full size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { lkFramesGrow, lkVideoStats, teacherAndLearner } from '../helpers/livekit-page.ts'

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

describe('a camera published with simulcast', () => {
  it('is decoded by another browser at full size', async () => {
    const { teacher, learner, teacherJoin } = await teacherAndLearner(browser, server.url, {
      teacherRoom: { publishDefaults: { simulcast: true } },
    })
    const offered = await teacher.page.evaluate(async () => {
      const room = (window as any).lkRoom
      await room.localParticipant.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
      const pc = room.engine.pcManager.publisher._pc as RTCPeerConnection
      return pc.localDescription?.sdp.match(/^a=simulcast:.*$/m)?.[0]
    })
    expect(offered).toMatch(/^a=simulcast:send /)
    const from = teacherJoin.participant.identity
    await expect
      .poll(async () => (await lkVideoStats(learner)).find((v) => v.from === from)?.width ?? 0, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(640)
    await lkFramesGrow(learner, from, 20)
    await teacher.close()
    await learner.close()
  })
})
