/**
 * Breakout audio: while breakouts are open, `POST …/media/token` hands each learner a token for
 * their group's own LiveKit room, so (with the real livekit-client on the embedded SFU) a group
 * hears its own members and not the other group; the teacher can visit a group; audio
 * moderation reaches people in group rooms; closing the breakouts sends everyone back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { JoinResponse } from '#common/api/join.ts'
import { assignEvenly, LessonSettings, writeGroups } from '#common/collab/lesson-control.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs, postJson } from '../helpers/api.ts'
import { connectDoc, waitSynced } from '../helpers/collab-client.ts'
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

describe('breakout audio rooms', () => {
  it('let each group hear only its own members', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const [ann, bo, cai] = await Promise.all(
      ['Ann', 'Bo', 'Cai'].map((n) => joinAs(server.url, s.id, s.invites.learner, n)),
    )
    const token = (j: JoinResponse, body: unknown = {}) =>
      postJson(`${server.url}/api/sessions/${s.id}/media/token`, body, { authorization: `Bearer ${j.token}` })

    // Before breakouts everyone is in the main room.
    expect((await token(ann!)).json).toMatchObject({ room: `atrium-${s.id}`, group: null })

    // The teacher's console writes the groups: Ann and Cai in g1, Bo in g2; then opens them.
    const control = connectDoc(teacher)
    await waitSynced(control)
    const doc = control.doc as Y.Doc
    writeGroups(doc, assignEvenly([ann!.participant.identity, bo!.participant.identity, cai!.participant.identity], 2))
    doc.getMap(ControlDoc.settings).set(LessonSettings.breakoutsOpen, true)
    const g1 = `atrium-${s.id}-g-g1`
    await expect.poll(async () => (await token(ann!)).json.room).toBe(g1)
    expect((await token(cai!)).json).toMatchObject({ room: g1, group: 'g1' })
    expect((await token(bo!)).json).toMatchObject({ room: `atrium-${s.id}-g-g2`, group: 'g2' })

    // Refusals: a learner visiting another group, a moderator naming no group, a bad body.
    const other = await token(bo!, { group: 'g1' })
    expect(other.status).toBe(403)
    expect((await token(teacher, { group: 'g9' })).status).toBe(404)
    const bad = await token(teacher, { group: 'G 1' })
    expect(bad.status).toBe(400)
    expect(bad.json.error.issues[0].path).toBe('group')
    expect((await token(teacher, { group: 'g2' })).json).toMatchObject({ group: 'g2' })

    // Connected with those tokens: Cai hears Ann, Bo does not.
    const pages = await Promise.all([1, 2, 3].map(() => livekitPage(browser, server.url)))
    const [annPage, boPage, caiPage] = pages as [(typeof pages)[0], (typeof pages)[0], (typeof pages)[0]]
    const withToken = async (j: JoinResponse) => ({ ...j, media: (await token(j)).json as JoinResponse['media'] })
    await lkConnect(annPage, await withToken(ann!))
    await lkConnect(boPage, await withToken(bo!))
    await lkConnect(caiPage, await withToken(cai!))
    await annPage.page.evaluate(() => (window as any).lkRoom.localParticipant.setMicrophoneEnabled(true))
    await expect
      .poll(async () => (await lkEvents(caiPage, 'trackSubscribed')).map((e) => e.from))
      .toContain(ann!.participant.identity)
    await new Promise((r) => setTimeout(r, 1000))
    expect(await lkEvents(boPage, 'trackSubscribed')).toEqual([])
    expect(await lkEvents(boPage, 'participantConnected')).toEqual([])

    // Audio moderation finds Ann in her group's room.
    const muted = await postJson(
      `${server.url}/api/sessions/${s.id}/media/participants/${ann!.participant.identity}/mute`,
      {},
      { authorization: `Bearer ${teacher.token}` },
    )
    expect(muted.json).toEqual({ muted: 1 })
    await expect
      .poll(() =>
        annPage.page.evaluate(() => (window as any).lkRoom.localParticipant.getTrackPublication('microphone')?.isMuted),
      )
      .toBe(true)

    // Closing the breakouts: the main room again.
    doc.getMap(ControlDoc.settings).set(LessonSettings.breakoutsOpen, false)
    await expect.poll(async () => (await token(ann!)).json.room).toBe(`atrium-${s.id}`)
    control.destroy()
    for (const p of pages) await p.close()
  })
})
