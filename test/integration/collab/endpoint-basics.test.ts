/** The minimal collab endpoint: y-websocket clients sync through it, presence works, bad tokens never upgrade. */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT } from 'jose'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, upgradeStatus, waitSynced } from '../../helpers/collab-client.ts'

let server: TestServer
const serverTokenSecret = () =>
  (JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')) as { tokenSecret: string })
    .tokenSecret
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('collab endpoint', () => {
  it('syncs a teacher edit of the control document to a learner through the server', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
    const a = connectDoc(teacher)
    const b = connectDoc(learner)
    try {
      await Promise.all([waitSynced(a), waitSynced(b)])
      a.doc.getMap('settings').set('greeting', 'hello')
      await until(() => b.doc.getMap('settings').get('greeting') === 'hello', 5000, 'the edit to arrive')
    } finally {
      a.destroy()
      b.destroy()
    }
  })

  it('counts the people present in the session', async () => {
    const s = await createSession(server.url)
    const a = connectDoc(await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'))
    const b = connectDoc(await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang'))
    try {
      a.awareness.setLocalStateField('place', 'remote')
      b.awareness.setLocalStateField('place', 'remote')
      await until(() => a.awareness.getStates().size === 2, 5000, 'both states')
      const info = await (await fetch(`${server.url}/api/sessions/${s.id}`)).json()
      expect(info).toMatchObject({ status: 'live', participantCount: 2 })
    } finally {
      a.destroy()
      b.destroy()
    }
  })

  it('refuses the upgrade with 401 for a missing, tampered or expired token', async () => {
    const s = await createSession(server.url)
    const j = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const base = `${j.collab.url}/${j.collab.docs.control}`
    expect((await upgradeStatus(base)).status).toBe(401)
    const tampered = j.collab.token.slice(0, -2) + (j.collab.token.endsWith('AA') ? 'BB' : 'AA')
    expect((await upgradeStatus(`${base}?token=${tampered}`)).status).toBe(401)
    // A session token is not a collab token.
    expect((await upgradeStatus(`${base}?token=${j.token}`)).status).toBe(401)
    const expired = await new SignJWT({ sid: s.id, name: 'Ann', role: 'learner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('atrium')
      .setAudience('atrium:collab')
      .setSubject(j.participant.identity)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(serverTokenSecret()))
    const r = await upgradeStatus(`${base}?token=${expired}`)
    expect(r.status).toBe(401)
    expect(JSON.parse(r.body).error.message).toMatch(/expired/)
    expect((await upgradeStatus(`${base}?token=${j.collab.token}`)).status).toBe(101)
  })

  it('refuses with 403 a token of session A on a document of session B, and 404 a name that is no document', async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    const j = await joinAs(server.url, a.id, a.invites.teacher, 'Ms. Li')
    expect((await upgradeStatus(`${j.collab.url}/session/${b.id}/control?token=${j.collab.token}`)).status).toBe(403)
    expect((await upgradeStatus(`${j.collab.url}/whatever?token=${j.collab.token}`)).status).toBe(404)
  })
})
