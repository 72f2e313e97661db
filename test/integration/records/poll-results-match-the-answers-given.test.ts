import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs, postJson } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { ControlDoc, ResponsesDoc } from '#common/collab/doc-layout.ts'
import type { JoinResponse } from '#common/api/join.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

const auth = (j: JoinResponse) => ({ authorization: `Bearer ${j.token}` })

describe('polls', () => {
  it('count every answer, hide the correct one until revealed, and keep the results', async () => {
    const s = await createSession(server.url)
    const base = `${server.url}/api/sessions/${s.id}/polls`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learners = await Promise.all(['A', 'B', 'C', 'D'].map((n) => joinAs(server.url, s.id, s.invites.learner, n)))
    const learnerView = connectDoc(learners[0]!)
    const teacherLive = connectDoc(teacher, 'responses')
    await Promise.all([waitSynced(learnerView), waitSynced(teacherLive)])

    const poll = await postJson(
      base,
      { question: 'Which are lenses?', kind: 'multiple', options: ['convex', 'mirror', 'concave'], correct: [0, 2] },
      auth(teacher),
    )
    expect(poll.status).toBe(201)
    const id = poll.json.id as string
    await until(() => learnerView.doc.getMap(ControlDoc.polls).has(id), 5000, 'the poll to appear')
    const shown = learnerView.doc.getMap(ControlDoc.polls).get(id) as Record<string, unknown>
    expect(shown).toMatchObject({ question: 'Which are lenses?', status: 'open' })
    expect(shown.correct).toBeUndefined()

    const answers = [['o1', 'o3'], ['o1'], ['o3', 'o1'], ['o2']]
    for (const [i, choices] of answers.entries()) {
      expect((await postJson(`${base}/${id}/answer`, { choices }, auth(learners[i]!))).status).toBe(204)
    }
    // Live results for the teacher, in the responses document.
    const live = () => teacherLive.doc.getMap<Y.Map<unknown>>(ResponsesDoc.polls).get(id)
    await until(() => live()?.get('answers') === 4, 5000, 'live results')
    expect((live()!.get('counts') as Y.Map<number>).toJSON()).toEqual({ o1: 3, o2: 1, o3: 2 })

    // Answering twice, after closing, or with a made-up option is refused.
    expect((await postJson(`${base}/${id}/answer`, { choices: ['o2'] }, auth(learners[0]!))).status).toBe(409)
    expect((await postJson(`${base}/${id}/answer`, { choices: ['o9'] }, auth(teacher))).status).toBe(400)
    expect((await postJson(`${base}/${id}/close`, {}, auth(teacher))).status).toBe(200)
    const late = await joinAs(server.url, s.id, s.invites.learner, 'Late')
    expect((await postJson(`${base}/${id}/answer`, { choices: ['o1'] }, auth(late))).status).toBe(403)

    const revealed = await postJson(`${base}/${id}/reveal`, {}, auth(teacher))
    expect(revealed.json).toMatchObject({
      status: 'revealed',
      correct: ['o1', 'o3'],
      results: { answers: 4, counts: { o1: 3, o2: 1, o3: 2 } },
    })
    await until(() => (learnerView.doc.getMap(ControlDoc.polls).get(id) as { status: string }).status === 'revealed')

    const report = await (await fetch(`${server.url}/api/sessions/${s.id}/report`, { headers: auth(teacher) })).json()
    expect(report.polls[0]).toMatchObject({ answers: 4, correct: 2 })
    learnerView.destroy()
    teacherLive.destroy()
  })

  it('are created only by moderators, with every mistake named', async () => {
    const s = await createSession(server.url)
    const base = `${server.url}/api/sessions/${s.id}/polls`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'L')
    expect((await postJson(base, { question: 'q', kind: 'short' }, auth(learner))).status).toBe(403)
    const bad = await postJson(
      base,
      { question: '', kind: 'single', options: ['only one'], correct: [3] },
      auth(teacher),
    )
    expect(bad.status).toBe(400)
    expect((bad.json.error.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'correct',
      'options',
      'question',
    ])
    const badCorrect = await postJson(
      base,
      { question: 'q', kind: 'single', options: ['a', 'b'], correct: [0, 1] },
      auth(teacher),
    )
    expect(badCorrect.json.error.issues).toEqual([
      { path: 'correct', message: 'must name exactly one option for a single-choice poll' },
    ])
  })

  it('short answers are compared ignoring case and spacing', async () => {
    const s = await createSession(server.url)
    const base = `${server.url}/api/sessions/${s.id}/polls`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'T')
    const poll = await postJson(
      base,
      { question: 'Unit of focal length?', kind: 'short', correct: ['Centimetre', 'cm'] },
      auth(teacher),
    )
    const [a, b] = await Promise.all(['A', 'B'].map((n) => joinAs(server.url, s.id, s.invites.learner, n)))
    await postJson(`${base}/${poll.json.id}/answer`, { text: '  CM ' }, auth(a!))
    await postJson(`${base}/${poll.json.id}/answer`, { text: 'inch' }, auth(b!))
    const report = await (await fetch(`${server.url}/api/sessions/${s.id}/report`, { headers: auth(teacher) })).json()
    expect(report.polls[0]).toMatchObject({ answers: 2, correct: 1, texts: ['CM', 'inch'] })
  })
})
