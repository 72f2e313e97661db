/**
 * A teacher runs the session: waiting room (admit one, deny one, admit all), lock, rotating and
 * expiring invites, removing someone, ending the lesson. Every action is checked on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs, postJson } from '../../helpers/api.ts'
import { connectDoc, nextClose, until, waitSynced } from '../../helpers/collab-client.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import type { JoinResponse } from '#common/api/join.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
async function send(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { ...bearer(token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

describe('running the session', () => {
  it('a waiting room holds learners until the teacher admits or denies them', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const control = connectDoc(teacher)
    await waitSynced(control)
    expect((await send('PATCH', api, teacher.token, { waitingRoom: true })).status).toBe(200)

    const ann = await postJson(`${api}/join`, { invite: s.invites.learner, name: 'Ann' })
    const bo = await postJson(`${api}/join`, { invite: s.invites.learner, name: 'Bo' })
    const cy = await postJson(`${api}/join`, { invite: s.invites.onsite, name: 'Cy' })
    expect([ann.status, bo.status, cy.status]).toEqual([202, 202, 202])
    expect(ann.json).toMatchObject({ status: 'waiting', participant: { name: 'Ann', role: 'learner' } })
    expect(ann.json.token).toBeUndefined()
    // Moderators see who waits.
    const lobby = control.doc.getMap(ControlDoc.lobby)
    await until(() => lobby.size === 3, 5000, 'the lobby to fill')

    // Ann's app waits; the teacher admits her; the wait answers with her credentials.
    const waiting = send('GET', `${api}/lobby/wait`, ann.json.lobbyToken)
    await new Promise((r) => setTimeout(r, 100))
    expect((await send('POST', `${api}/lobby/${ann.json.participant.identity}/admit`, teacher.token)).status).toBe(204)
    const admitted = await waiting
    expect(admitted.status).toBe(200)
    expect(admitted.json.participant).toEqual(ann.json.participant)
    const annDoc = connectDoc(admitted.json as JoinResponse)
    await waitSynced(annDoc)

    // Bo is denied; everyone else is admitted at once.
    expect((await send('POST', `${api}/lobby/${bo.json.participant.identity}/deny`, teacher.token)).status).toBe(204)
    expect((await send('GET', `${api}/lobby/wait`, bo.json.lobbyToken)).status).toBe(403)
    expect((await send('POST', `${api}/lobby/admit-all`, teacher.token)).json).toEqual({ admitted: 1 })
    expect((await send('GET', `${api}/lobby/wait`, cy.json.lobbyToken)).status).toBe(200)
    await until(() => lobby.size === 0, 5000, 'the lobby to empty')
    // A learner may not admit anyone; a lobby token opens no document.
    expect((await send('POST', `${api}/lobby/admit-all`, (admitted.json as JoinResponse).token)).status).toBe(403)
    annDoc.destroy()
    control.destroy()
  })

  it('a locked session lets only the teacher and the room device in', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    expect((await send('PATCH', api, teacher.token, { locked: true })).status).toBe(200)
    const refused = await postJson(`${api}/join`, { invite: s.invites.learner, name: 'Late' })
    expect(refused.status).toBe(403)
    expect(refused.json.error).toMatchObject({ message: 'This session is locked.', reason: 'session_locked' })
    expect((await postJson(`${api}/join`, { invite: s.invites.room, name: 'Room 101' })).status).toBe(200)
    await send('PATCH', api, teacher.token, { locked: false })
    expect((await postJson(`${api}/join`, { invite: s.invites.learner, name: 'Late' })).status).toBe(200)
  })

  it('invites can be rotated (the old link stops working) and expire', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    expect((await send('POST', `${api}/invites/learner/rotate`, teacher.token)).status).toBe(204)
    expect((await postJson(`${api}/join`, { invite: s.invites.learner, name: 'Old link' })).status).toBe(403)
    const invites = (await send('GET', `${api}/invites`, teacher.token)).json.invites as {
      role: string
      code: string
      link: string
    }[]
    const learner = invites.find((i) => i.role === 'learner')!
    expect(learner.code).not.toBe(s.invites.learner)
    expect(learner.link).toBe(`${server.url}/s/${s.id}?invite=${learner.code}`)
    expect((await postJson(`${api}/join`, { invite: learner.code, name: 'New link' })).status).toBe(200)

    const past = new Date(Date.now() - 1000).toISOString()
    expect((await send('PUT', `${api}/invites/learner`, teacher.token, { expiresAt: past })).status).toBe(204)
    const expired = await postJson(`${api}/join`, { invite: learner.code, name: 'Too late' })
    expect(expired.status).toBe(403)
    expect(expired.json.error).toMatchObject({ message: 'This invite has expired.', reason: 'invite_expired' })
    expect((await send('PUT', `${api}/invites/learner`, teacher.token, { expiresAt: 'soon' })).status).toBe(400)
    expect((await send('POST', `${api}/invites/nobody/rotate`, teacher.token)).status).toBe(404)
  })

  it('a removed participant is disconnected and cannot come back with their tokens', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    const mallory = await joinAs(server.url, s.id, s.invites.learner, 'Mallory')
    const p = connectDoc(mallory, 'boards')
    await waitSynced(p)
    const closed = nextClose(p)
    p.shouldConnect = false
    expect(
      (await send('POST', `${api}/participants/${mallory.participant.identity}/remove`, teacher.token)).status,
    ).toBe(204)
    expect(await closed).toBe(4403)
    expect((await send('POST', `${api}/refresh`, mallory.token)).status).toBe(403)
    const again = connectDoc(mallory, 'boards')
    again.shouldConnect = true
    expect(await nextClose(again)).toBe(4403)
    again.destroy()
    p.destroy()
  })

  it('ending the session closes everyone (4404) and refuses new joins', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'L')
    expect((await send('POST', `${api}/end`, learner.token)).status).toBe(403)
    const p = connectDoc(learner)
    await waitSynced(p)
    const closed = nextClose(p)
    p.shouldConnect = false
    const ended = await send('POST', `${api}/end`, teacher.token)
    expect(ended.json).toMatchObject({ status: 'ended' })
    expect(await closed).toBe(4404)
    expect((await postJson(`${api}/join`, { invite: s.invites.learner, name: 'Late' })).status).toBe(403)
    p.destroy()
  })

  it('refuses an unknown scene and changes that change nothing', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    expect((await send('PATCH', api, teacher.token, { scene: 'no-such-lab' })).status).toBe(400)
    expect((await send('PATCH', api, teacher.token, {})).status).toBe(400)
    expect((await send('PATCH', api, server.adminToken, { title: 'Renamed' })).json).toMatchObject({ title: 'Renamed' })
  })
})

describe('hands', () => {
  it('a hand the teacher lowered is no longer shown, even if the app keeps claiming it', async () => {
    const s = await createSession(server.url)
    const teacher = connectDoc(await joinAs(server.url, s.id, s.invites.teacher, 'T'))
    const ann = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const a = connectDoc(ann)
    await Promise.all([waitSynced(teacher), waitSynced(a)])
    const handAt = (p: ReturnType<typeof connectDoc>) =>
      (p.awareness.getStates().get(a.doc.clientID) as { handRaisedAt?: number } | undefined)?.handRaisedAt
    a.awareness.setLocalState({ user: ann.participant, place: 'remote', device: 'browser', handRaisedAt: 1000 })
    await until(() => handAt(teacher) === 1000, 5000, 'the raised hand')
    teacher.doc.getMap(ControlDoc.handsLowered).set(ann.participant.identity, 2000)
    await new Promise((r) => setTimeout(r, 100))
    // The app sends its old state again (a stubborn or outdated client): the server drops the hand.
    a.awareness.setLocalState({ user: ann.participant, place: 'remote', device: 'browser', handRaisedAt: 1000 })
    await until(
      () => teacher.awareness.getStates().has(a.doc.clientID) && handAt(teacher) === undefined,
      5000,
      'the lowered hand',
    )
    // Raising again later shows again.
    a.awareness.setLocalState({ user: ann.participant, place: 'remote', device: 'browser', handRaisedAt: 3000 })
    await until(() => handAt(teacher) === 3000, 5000, 'the new hand')
    a.destroy()
    teacher.destroy()
  })
})
