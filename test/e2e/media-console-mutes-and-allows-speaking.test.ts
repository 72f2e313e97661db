/**
 * Audio moderation through Atrium's REST API (carried out by livekit-server-sdk's RoomServiceClient
 * against the embedded SFU), seen by the real livekit-client in Chromium: one microphone muted,
 * every learner muted but not the teacher, speaking revoked and allowed again; bad calls refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs, postJson } from '../helpers/api.ts'
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

const micMuted = (p: LkPage) =>
  p.page.evaluate(
    () => (window as any).lkRoom.localParticipant.getTrackPublication('microphone')?.isMuted ?? 'unpublished',
  )
const openMic = (p: LkPage) =>
  p.page.evaluate(() =>
    (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true).then(
      () => 'ok',
      (e: Error) => `refused: ${e.message}`,
    ),
  )

describe('audio moderation from the console API', () => {
  it('mutes one learner, all learners, and revokes and restores speaking', async () => {
    const s = await createSession(server.url)
    const teacherJoin = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const annJoin = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const boJoin = await joinAs(server.url, s.id, s.invites.learner, 'Bo')
    const offline = await joinAs(server.url, s.id, s.invites.learner, 'Cai')
    const [teacher, ann, bo] = await Promise.all([1, 2, 3].map(() => livekitPage(browser, server.url)))
    await lkConnect(teacher!, teacherJoin)
    await lkConnect(ann!, annJoin)
    await lkConnect(bo!, boJoin)
    for (const p of [teacher!, ann!, bo!]) expect(await openMic(p)).toBe('ok')

    const api = `${server.url}/api/sessions/${s.id}/media`
    const asTeacher = { authorization: `Bearer ${teacherJoin.token}` }
    const annId = annJoin.participant.identity

    // Errors change nothing.
    const byLearner = await postJson(
      `${api}/participants/${boJoin.participant.identity}/mute`,
      {},
      {
        authorization: `Bearer ${annJoin.token}`,
      },
    )
    expect(byLearner.status).toBe(403)
    expect(byLearner.json.error.code).toBe('forbidden')
    const unknown = await postJson(`${api}/participants/p_nobody/mute`, {}, asTeacher)
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.code).toBe('not_found')
    const notConnected = await postJson(`${api}/participants/${offline.participant.identity}/mute`, {}, asTeacher)
    expect(notConnected.status).toBe(409)
    expect(notConnected.json.error.code).toBe('conflict')
    const bad = await fetch(`${api}/participants/${annId}/speaking`, {
      method: 'PUT',
      headers: { ...asTeacher, 'content-type': 'application/json' },
      body: JSON.stringify({ allowed: 'yes' }),
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error.issues[0].path).toBe('allowed')
    expect(await micMuted(bo!)).toBe(false)

    // One microphone.
    const one = await postJson(`${api}/participants/${annId}/mute`, {}, asTeacher)
    expect(one).toMatchObject({ status: 200, json: { muted: 1 } })
    await expect.poll(() => micMuted(ann!)).toBe(true)
    expect(await micMuted(bo!)).toBe(false)

    // Every learner; the teacher keeps talking.
    const all = await postJson(`${api}/mute-learners`, {}, asTeacher)
    expect(all).toMatchObject({ status: 200, json: { muted: 1 } })
    await expect.poll(() => micMuted(bo!)).toBe(true)
    expect(await micMuted(teacher!)).toBe(false)

    // Revoking speaking takes the microphone away; Ann cannot open it again until allowed.
    const put = (allowed: boolean) =>
      fetch(`${api}/participants/${annId}/speaking`, {
        method: 'PUT',
        headers: { ...asTeacher, 'content-type': 'application/json' },
        body: JSON.stringify({ allowed }),
      })
    const revoked = await put(false)
    expect(revoked.status).toBe(200)
    expect(await revoked.json()).toEqual({ identity: annId, allowed: false })
    await expect.poll(() => micMuted(ann!)).toBe('unpublished')
    await expect
      .poll(() =>
        ann!.page.evaluate(() => (window as any).lkRoom.localParticipant.permissions?.canPublishSources?.length ?? -1),
      )
      .toBe(1)
    expect(await openMic(ann!)).toMatch(/^refused/)
    expect((await put(true)).status).toBe(200)
    await expect
      .poll(() =>
        ann!.page.evaluate(() => (window as any).lkRoom.localParticipant.permissions?.canPublishSources?.length ?? -1),
      )
      .toBe(2)
    expect(await openMic(ann!)).toBe('ok')
    await expect.poll(() => micMuted(ann!)).toBe(false)
    for (const p of [teacher!, ann!, bo!]) await p.close()
  })
})
