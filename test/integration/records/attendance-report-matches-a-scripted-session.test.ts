/**
 * A scripted lesson: people join and leave (one drops off and is back within the grace period),
 * raise hands, chat, answer a poll and draw. The teacher's report and its CSV match exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs, postJson } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import type { SessionReport } from '#common/api/report.ts'
import type { JoinResponse } from '#common/api/join.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({}, undefined, (c) => ({ ...c, leaveGraceMs: 400 }))
})
afterAll(() => server.cleanup())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const auth = (j: JoinResponse) => ({ authorization: `Bearer ${j.token}` })

function arrive(j: JoinResponse, place: 'remote' | 'onsite', device: 'browser' | 'headset' = 'browser') {
  const p = connectDoc(j)
  p.awareness.setLocalState({ user: j.participant, place, device })
  return p
}

describe('the session report', () => {
  it('matches the joins, leaves and actions of a scripted session', async () => {
    const s = await createSession(server.url, { title: 'Scripted lesson' })
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const ann = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const bo = await joinAs(server.url, s.id, s.invites.onsite, 'Bo')
    const cy = await joinAs(server.url, s.id, s.invites.learner, '=cmd|calc')

    const t = arrive(teacher, 'remote')
    const a = arrive(ann, 'remote', 'headset')
    let b = arrive(bo, 'onsite')
    const c = arrive(cy, 'remote')
    await Promise.all([t, a, b, c].map((p) => waitSynced(p)))

    // Ann raises her hand twice, chats and draws; Bo's link drops briefly; Cy leaves early.
    a.awareness.setLocalStateField('handRaisedAt', 1000)
    await sleep(50)
    a.awareness.setLocalStateField('handRaisedAt', undefined)
    await sleep(50)
    a.awareness.setLocalStateField('handRaisedAt', 2000)
    expect(
      (await postJson(`${server.url}/api/sessions/${s.id}/chat`, { text: 'Is f = 10 cm?' }, auth(ann))).status,
    ).toBe(201)
    const boards = connectDoc(ann, 'boards')
    await waitSynced(boards)
    for (let i = 0; i < 5; i++) boards.doc.getArray('strokes').push([i])
    const poll = await postJson(
      `${server.url}/api/sessions/${s.id}/polls`,
      { question: 'Which lens?', kind: 'single', options: ['convex', 'concave'], correct: [0] },
      auth(teacher),
    )
    expect(poll.status).toBe(201)
    expect(
      (
        await postJson(
          `${server.url}/api/sessions/${s.id}/polls/${poll.json.id}/answer`,
          { choices: ['o1'] },
          auth(ann),
        )
      ).status,
    ).toBe(204)
    b.destroy()
    await sleep(100)
    b = arrive(bo, 'onsite')
    await waitSynced(b)
    c.destroy()
    await sleep(700)
    boards.destroy()
    a.destroy()
    await sleep(700)

    const res = await fetch(`${server.url}/api/sessions/${s.id}/report`, { headers: auth(teacher) })
    expect(res.status).toBe(200)
    const report = (await res.json()) as SessionReport
    const row = (name: string) => report.participants.find((p) => p.name === name)!
    expect(row('Ann')).toMatchObject({
      places: ['remote'],
      devices: ['headset'],
      present: false,
      handsRaised: 2,
      chatMessages: 1,
      pollAnswers: 1,
      pollAnswersCorrect: 1,
      boardUpdates: 5,
    })
    expect(row('Bo')).toMatchObject({ places: ['onsite'], present: true, lastLeftAt: null })
    expect(row('=cmd|calc')).toMatchObject({ present: false, handsRaised: 0 })
    expect(row('Ms. Li')).toMatchObject({ role: 'teacher', present: true })
    // Present time is the span between join and leave, and Bo's short drop made no second interval.
    const records = await (
      await fetch(`${server.url}/api/sessions/${s.id}/records`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).json()
    const intervals = (name: string) => {
      const id = report.participants.find((p) => p.name === name)!.identity
      return (records.attendance as { identity: string }[]).filter((x) => x.identity === id)
    }
    expect(intervals('Bo')).toHaveLength(1)
    expect(intervals('Ann')).toHaveLength(1)
    expect(row('Ann').presentSeconds).toBeLessThanOrEqual(5)
    expect(report.polls).toEqual([
      expect.objectContaining({
        question: 'Which lens?',
        answers: 1,
        correct: 1,
        choices: [
          { id: 'o1', label: 'convex', count: 1 },
          { id: 'o2', label: 'concave', count: 0 },
        ],
      }),
    ])

    const csv = await fetch(`${server.url}/api/sessions/${s.id}/report.csv`, { headers: auth(teacher) })
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    const bytes = Buffer.from(await csv.arrayBuffer())
    // A UTF-8 byte order mark first, so spreadsheets read Chinese names right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.startsWith('name,role,')).toBe(true)
    const lines = text.trim().split('\r\n')
    expect(lines).toHaveLength(5)
    expect(lines.find((l) => l.startsWith('Ann,'))).toMatch(
      /^Ann,learner,remote,headset,[^,]+,[^,]+,no,[\d.]+,2,0\.0,0\.0,1,1,1,0,5$/,
    )
    // A name that a spreadsheet would run as a formula is neutralised.
    expect(lines.some((l) => l.startsWith("'=cmd|calc,"))).toBe(true)
    t.destroy()
    b.destroy()
  })

  it('is only for moderators of that session (or the admin)', async () => {
    const s = await createSession(server.url)
    const other = await createSession(server.url)
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const foreignTeacher = await joinAs(server.url, other.id, other.invites.teacher, 'T')
    const url = `${server.url}/api/sessions/${s.id}/report`
    expect((await fetch(url)).status).toBe(401)
    expect((await fetch(url, { headers: auth(learner) })).status).toBe(403)
    expect((await fetch(url, { headers: auth(foreignTeacher) })).status).toBe(403)
    expect((await fetch(url, { headers: { authorization: `Bearer ${server.adminToken}` } })).status).toBe(200)
    expect((await fetch(`${server.url}/api/sessions/${s.id}/records`, { headers: auth(learner) })).status).toBe(401)
    await until(() => true)
  })
})
