/**
 * Speaking and microphone time in the learning records: the embedded SFU's active-speaker
 * detection times each turn of a (fake, beeping) Chromium microphone, and the server's look at the
 * media server through RoomService (the same calls a real LiveKit answers) times how long the
 * microphone was live; the report shows the seconds and the xAPI statements carry "spoke" and
 * "had the microphone on" with their durations. Someone who never turns the microphone on has 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { lkConnect, livekitPage } from '../helpers/livekit-page.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer({}, undefined, (c) => ({ ...c, microphoneSampleMs: 500 }))
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const get = async (url: string, token: string) =>
  (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as any

describe('speaking and microphone time', () => {
  it('is recorded from the media server and shows in the report and the xAPI statements', async () => {
    const s = await createSession(server.url)
    const teacherJoin = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const annJoin = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const teacher = await livekitPage(browser, server.url)
    const ann = await livekitPage(browser, server.url)
    await lkConnect(teacher, teacherJoin)
    await lkConnect(ann, annJoin)
    const report = () => get(`${server.url}/api/sessions/${s.id}/report`, teacherJoin.token)
    const row = async (identity: string) =>
      ((await report()).participants as any[]).find((p) => p.identity === identity)

    // Ann talks for about five seconds, then mutes.
    await ann.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))
    await expect
      .poll(
        () =>
          teacher.page.evaluate(
            (id) => ((window as any).lkRoom.activeSpeakers as any[]).some((p) => p.identity === id),
            annJoin.participant.identity,
          ),
        { timeout: 15_000 },
      )
      .toBe(true)
    expect((await row(annJoin.participant.identity)).speakingSeconds).toBe(0)
    expect((await row(annJoin.participant.identity)).microphoneSeconds).toBe(0)
    await new Promise((r) => setTimeout(r, 5000))
    await ann.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(false))

    await expect
      .poll(async () => (await row(annJoin.participant.identity)).speakingSeconds, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4)
    expect((await row(annJoin.participant.identity)).speakingSeconds).toBeLessThanOrEqual(8)
    expect((await row(teacherJoin.participant.identity)).speakingSeconds).toBe(0)
    // The microphone was live from enabling until muting: about 5 s plus the wait for detection.
    await expect
      .poll(async () => (await row(annJoin.participant.identity)).microphoneSeconds, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(5)
    const micSeconds = (await row(annJoin.participant.identity)).microphoneSeconds
    expect(micSeconds).toBeLessThanOrEqual(25)
    expect((await row(teacherJoin.participant.identity)).microphoneSeconds).toBe(0)
    // Muted, the microphone time stops growing.
    await new Promise((r) => setTimeout(r, 2000))
    expect((await row(annJoin.participant.identity)).microphoneSeconds).toBe(micSeconds)

    const { statements } = await get(`${server.url}/api/sessions/${s.id}/statements`, TEST_ADMIN_TOKEN)
    const spoke = (statements as any[]).filter((st) => st.verb.id.endsWith('/xapi/verbs/spoke'))
    expect(spoke.length).toBeGreaterThanOrEqual(1)
    expect(spoke[0].actor.account.name).toBe(annJoin.participant.identity)
    expect(spoke[0].result.duration).toMatch(/^PT\d+(\.\d+)?S$/)
    const mic = (statements as any[]).filter((st) => st.verb.id.endsWith('/xapi/verbs/used-microphone'))
    expect(mic.map((st) => st.actor.account.name)).toEqual([annJoin.participant.identity])
    expect(mic[0].result.duration).toMatch(/^PT\d+(\.\d+)?S$/)
    await teacher.close()
    await ann.close()
  })
})
