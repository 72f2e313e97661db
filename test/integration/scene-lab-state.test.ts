/**
 * Live lab state through the real server and real y-websocket clients: one participant's change
 * reaches everyone, a late joiner sees the current state, the teacher resets and locks, an
 * observer cannot change anything, and step completions are recorded per participant (in a
 * breakout group, only for its members).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { WebSocket } from 'ws'
import { writeGroups } from '#common/collab/lesson-control.ts'
import type { JoinResponse } from '#common/api/join.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { applyClockOp, LabDoc, LAB_CLOCK_KEY, readLabSnapshot, resetLab } from '#common/collab/lab-doc.ts'
import { createLabRuntime } from '#common/scene/lab-runtime.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs, postJson } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'
import { builtInLab } from '../helpers/scenes.ts'

let server: TestServer
const providers: WebsocketProvider[] = []
let session: Awaited<ReturnType<typeof createSession>>
let teacher: JoinResponse
let ana: JoinResponse
let ben: JoinResponse

beforeAll(async () => {
  server = await startTestServer()
  session = await createSession(server.url, { title: 'Pendulum lesson', scene: 'pendulum' })
  teacher = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
  ana = await joinAs(server.url, session.id, session.invites.learner, 'Ana')
  ben = await joinAs(server.url, session.id, session.invites.learner, 'Ben')
})
afterAll(async () => {
  for (const p of providers) p.destroy()
  await server?.cleanup()
})

async function open(join: JoinResponse, kind = 'lab'): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const p = connectDoc(join, kind, doc)
  providers.push(p)
  await waitSynced(p)
  return doc
}

describe('the session lab document', () => {
  it('is named after the session and its scene in every join response', () => {
    expect(ana.collab.docs.lab).toBe(`session/${session.id}/lab/pendulum`)
  })

  it("shows one learner's change to everyone, and a late joiner sees the current state", async () => {
    const a = await open(ana)
    const b = await open(ben)
    a.transact(() => {
      a.getMap(LabDoc.vars).set('length', 0.25)
      a.getMap(LabDoc.clocks).set(LAB_CLOCK_KEY, applyClockOp(undefined, 'restart', Date.now()))
    })
    await until(() => readLabSnapshot(b).vars.length === 0.25, 5000, 'Ben to see the new length')
    expect(readLabSnapshot(b).clocks).toEqual(readLabSnapshot(a).clocks)

    const late = await joinAs(server.url, session.id, session.invites.learner, 'Chen')
    const c = await open(late)
    expect(readLabSnapshot(c)).toEqual(readLabSnapshot(a))
    // Same state and the same time: the late joiner's pendulum is where everyone else's is.
    const now = Date.now()
    const [ra, rc] = [createLabRuntime(builtInLab('pendulum')), createLabRuntime(builtInLab('pendulum'))]
    ra.update(readLabSnapshot(a), now)
    rc.update(readLabSnapshot(c), now)
    expect(rc.read('theta')).toBe(ra.read('theta'))
    expect(rc.read('T0')).toBeCloseTo(1.003, 3)
  })

  it('the teacher resets the lab for everyone and locks it', async () => {
    const t = await open(teacher)
    const b = await open(ben)
    await until(() => readLabSnapshot(b).vars.length === 0.25, 5000, 'the earlier change')
    resetLab(t, teacher.participant.identity, Date.now())
    await until(() => Object.keys(readLabSnapshot(b).vars).length === 0, 5000, 'the reset to reach Ben')
    expect(readLabSnapshot(b).clocks).toEqual({})

    const tc = await open(teacher, 'control')
    const bc = await open(ben, 'control')
    tc.getMap(ControlDoc.locks).set('lab', true)
    await until(() => bc.getMap(ControlDoc.locks).get('lab') === true, 5000, 'the lock to reach Ben')
  })

  it('an observer reads the lab but its writes never reach anyone', async () => {
    const watcher = await joinAs(server.url, session.id, session.invites.observer, 'Visitor')
    const o = await open(watcher)
    const b = await open(ben)
    o.getMap(LabDoc.vars).set('mass', 0.9)
    // The teacher writes after the observer (the lab is locked, so only moderators may); when that
    // change is visible to a fresh reader, the observer's would have been too had it been relayed.
    const t = await open(teacher)
    t.getMap(LabDoc.vars).set('angle', 20)
    const fresh = await open(ana)
    await until(() => readLabSnapshot(fresh).vars.angle === 20, 5000, "the teacher's change")
    expect(readLabSnapshot(b).vars.angle).toBe(20)
    expect(readLabSnapshot(fresh).vars.mass).toBeUndefined()
  })
})

describe('lab step records', () => {
  const url = () => `${server.url}/api/sessions/${session.id}/lab-steps`
  const completedAt = Date.now()
  const body = () => ({ scene: 'pendulum', step: 'setUp', completedAt, completedBy: ana.participant.identity })

  beforeAll(async () => {
    // The server records only completions the lab document holds.
    const t = await open(teacher)
    t.transact(() => {
      for (const step of ['setUp', 'release']) {
        t.getMap(LabDoc.steps).set(step, { at: completedAt, by: ana.participant.identity, name: 'Ana' })
      }
    })
    const check = await open(ben)
    await until(() => Object.keys(readLabSnapshot(check).steps).length === 2, 5000, 'the steps to be stored')
  })

  it('refuses a completion the lab document never saw', async () => {
    const claim = { ...body(), completedAt: completedAt + 5 }
    const res = await postJson(url(), claim, { authorization: `Bearer ${ana.token}` })
    expect(res.status).toBe(403)
  })

  it('records a completion once per participant, naming who completed it', async () => {
    const first = await postJson(url(), body(), { authorization: `Bearer ${ana.token}` })
    expect(first).toMatchObject({ status: 201, json: { recorded: true } })
    const again = await postJson(url(), body(), { authorization: `Bearer ${ana.token}` })
    expect(again).toMatchObject({ status: 200, json: { recorded: false } })
    expect((await postJson(url(), body(), { authorization: `Bearer ${ben.token}` })).status).toBe(201)

    const res = await fetch(url(), { headers: { authorization: `Bearer ${teacher.token}` } })
    const { records } = (await res.json()) as { records: { name: string; step: string; self: boolean }[] }
    expect(records.map((r) => [r.name, r.step, r.self]).sort()).toEqual([
      ['Ana', 'setUp', true],
      ['Ben', 'setUp', false],
    ])
  })

  it('refuses a step the scene does not have, a token of another session, and learners reading records', async () => {
    const bad = await postJson(url(), { ...body(), step: 'flyAway' }, { authorization: `Bearer ${ana.token}` })
    expect(bad).toMatchObject({ status: 400, json: { error: { issues: [{ path: 'step' }] } } })
    const other = await createSession(server.url, { title: 'Other', scene: 'pendulum' })
    const stranger = await joinAs(server.url, other.id, other.invites.learner, 'Stranger')
    expect((await postJson(url(), body(), { authorization: `Bearer ${stranger.token}` })).status).toBe(403)
    expect((await postJson(url(), body())).status).toBe(401)
    const learnerRead = await fetch(url(), { headers: { authorization: `Bearer ${ana.token}` } })
    expect(learnerRead.status).toBe(403)
  })

  it('tells subscribers about each new record (the hook for learning records)', async () => {
    const seen: string[] = []
    const off = server.atrium.labSteps.onRecorded((r) => seen.push(`${r.identity}:${r.step}`))
    await postJson(url(), { ...body(), step: 'release' }, { authorization: `Bearer ${ben.token}` })
    await postJson(url(), { ...body(), step: 'release' }, { authorization: `Bearer ${ben.token}` })
    off()
    expect(seen).toEqual([`${ben.participant.identity}:release`])
  })

  it('turns each recorded step into a learning record and an xAPI "completed" statement', async () => {
    const report = await fetch(`${server.url}/api/sessions/${session.id}/report`, {
      headers: { authorization: `Bearer ${teacher.token}` },
    })
    const { participants } = (await report.json()) as { participants: { name: string; labSteps: number }[] }
    const steps = Object.fromEntries(participants.map((p) => [p.name, p.labSteps]))
    expect(steps).toMatchObject({ Ana: 1, Ben: 2 })
    const res = await fetch(`${server.url}/api/sessions/${session.id}/statements`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    const { statements } = (await res.json()) as {
      statements: { verb: { id: string }; object: { id: string }; actor: { name?: string } }[]
    }
    const completed = statements.filter((st) => st.verb.id.endsWith('/completed'))
    expect(completed.map((st) => st.object.id.split('/scenes/')[1]).sort()).toEqual([
      'pendulum/steps/release',
      'pendulum/steps/setUp',
      'pendulum/steps/setUp',
    ])
  })
})

describe('lab step records in breakout groups', () => {
  const url = () => `${server.url}/api/sessions/${session.id}/lab-steps`
  const completedAt = Date.now() + 1

  it('credit members of the group whose lab it was, never a learner of another group', async () => {
    // Ana is in group 1, Ben in group 2; in group 1's own lab, Ana completes "setUp".
    const control = await open(teacher, 'control')
    writeGroups(control, { g1: [ana.participant.identity], g2: [ben.participant.identity] })
    const g1Lab = new Y.Doc()
    const p = new WebsocketProvider(teacher.collab.url, `session/${session.id}/group/g1/lab/pendulum`, g1Lab, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: teacher.collab.token },
    })
    providers.push(p)
    await waitSynced(p)
    g1Lab.getMap(LabDoc.steps).set('setUp', { at: completedAt, by: ana.participant.identity, name: 'Ana' })
    const claim = { scene: 'pendulum', step: 'setUp', group: 'g1', completedAt, completedBy: ana.participant.identity }

    // Once the server has the groups (the teacher's change travels like any other), Ana is credited…
    await expect
      .poll(async () => (await postJson(url(), claim, { authorization: `Bearer ${ana.token}` })).status, {
        timeout: 5000,
      })
      .toBe(201)
    // …and Ben, in another group, is refused the same completion.
    const ben1 = await postJson(url(), claim, { authorization: `Bearer ${ben.token}` })
    expect(ben1).toMatchObject({ status: 403, json: { error: { message: expect.stringMatching(/breakout group/) } } })

    const res = await fetch(url(), { headers: { authorization: `Bearer ${teacher.token}` } })
    const { records } = (await res.json()) as { records: { name: string; step: string; group?: string }[] }
    expect(records.filter((r) => r.group === 'g1').map((r) => r.name)).toEqual(['Ana'])
    writeGroups(control, {})
  })
})
