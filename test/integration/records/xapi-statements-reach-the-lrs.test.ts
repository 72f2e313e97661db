/**
 * Every record becomes an xAPI 1.0.3 statement that a real (small) LRS accepts; while the LRS is
 * down statements queue, and they are delivered after it returns, also across an Atrium restart.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs, postJson } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { startTestLrs, type TestLrs } from '../../helpers/lrs.ts'
import { statementSchema } from '../../../server/records/xapi/schema.ts'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

const lrsEnv = (lrs: TestLrs) => ({ XAPI_ENDPOINT: lrs.url, XAPI_USERNAME: 'lrs-user', XAPI_PASSWORD: 'lrs-pass' })

async function lesson(server: TestServer) {
  const s = await createSession(server.url, { title: '光学 Optics' })
  const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
  const learner = await joinAs(server.url, s.id, s.invites.learner, '王芳')
  const p = connectDoc(learner)
  p.awareness.setLocalState({ user: learner.participant, place: 'remote', device: 'browser', handRaisedAt: 5 })
  await waitSynced(p)
  const auth = { authorization: `Bearer ${learner.token}` }
  await postJson(`${server.url}/api/sessions/${s.id}/chat`, { text: 'Hello 你好' }, auth)
  const poll = await postJson(
    `${server.url}/api/sessions/${s.id}/polls`,
    { question: 'f in cm?', kind: 'short', correct: ['10'] },
    { authorization: `Bearer ${teacher.token}` },
  )
  await postJson(`${server.url}/api/sessions/${s.id}/polls/${poll.json.id}/answer`, { text: ' 10 ' }, auth)
  p.destroy()
  return s
}

describe('xAPI statements', () => {
  it('are valid 1.0.3 statements and reach the LRS with the session as registration', async () => {
    const lrs = await startTestLrs()
    cleanups.push(() => lrs.close())
    const server = await startTestServer(lrsEnv(lrs), undefined, (c) => ({ ...c, leaveGraceMs: 100 }))
    cleanups.push(() => server.cleanup())
    const s = await lesson(server)
    await until(() => lrs.statements.length >= 5, 10_000, 'statements at the LRS')
    expect(lrs.rejected).toEqual([])
    const verbs = lrs.statements.map((st) => st.verb.id)
    expect(verbs).toEqual(
      expect.arrayContaining([
        'http://activitystrea.ms/schema/1.0/join',
        'http://adlnet.gov/expapi/verbs/commented',
        'http://adlnet.gov/expapi/verbs/answered',
        `${server.url}/xapi/verbs/raised-hand`,
        'http://activitystrea.ms/schema/1.0/leave',
      ]),
    )
    for (const st of lrs.statements) expect(statementSchema.safeParse(st).success).toBe(true)
    const registrations = new Set(lrs.statements.map((st) => st.context.registration))
    expect(registrations.size).toBe(1)
    const answered = lrs.statements.find((st) => st.verb.id.endsWith('/answered'))!
    expect(answered.result).toEqual({ response: '10', success: true })
    expect(answered.actor).toMatchObject({ name: '王芳', account: { homePage: server.url } })
    const left = lrs.statements.find((st) => st.verb.id.endsWith('/leave'))!
    expect(left.result.duration).toMatch(/^PT[\d.]+S$/)

    // The admin API returns the same statements, all delivered.
    const res = await fetch(`${server.url}/api/sessions/${s.id}/statements`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    const body = await res.json()
    expect(body.pending).toBe(0)
    expect(body.statements.map((st: { id: string }) => st.id).sort()).toEqual(lrs.statements.map((st) => st.id).sort())
  })

  it('queue while the LRS is down and are delivered after it returns, also across a restart', async () => {
    const lrs = await startTestLrs()
    cleanups.push(() => lrs.close())
    lrs.failing = true
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-xapi-'))
    let server = await startTestServer(lrsEnv(lrs), dataDir, (c) => ({ ...c, leaveGraceMs: 100 }))
    const s = await lesson(server)
    const pending = async () =>
      (
        await (
          await fetch(`${server.url}/api/sessions/${s.id}/statements`, {
            headers: { authorization: `Bearer ${server.adminToken}` },
          })
        ).json()
      ).pending as number
    await until(() => server.atrium.records.pendingStatements() >= 5, 5000, 'statements to queue')
    await new Promise((r) => setTimeout(r, 1500))
    expect(lrs.statements).toEqual([])
    const queued = await pending()
    expect(queued).toBeGreaterThanOrEqual(5)

    // Atrium restarts while the LRS is still down; then the LRS comes back.
    await server.stop()
    server = await startTestServer(lrsEnv(lrs), dataDir, (c) => ({ ...c, leaveGraceMs: 100 }))
    cleanups.push(() => server.cleanup())
    lrs.failing = false
    // The first retry after restart is due within a few seconds of backoff.
    await until(() => lrs.statements.length >= queued, 20_000, 'delivery after the LRS returns')
    expect(await pending()).toBe(0)
    expect(new Set(lrs.statements.map((st) => st.id)).size).toBe(lrs.statements.length)
    expect(lrs.rejected).toEqual([])
  })
})
