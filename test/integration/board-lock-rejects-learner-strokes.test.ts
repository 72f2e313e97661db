/**
 * While the teacher locks the boards, a learner's stroke is refused by the server (4403) and
 * appears nowhere: not at the teacher, not in the stored document a late joiner loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { defaultPageId, pageItems } from '#common/collab/board-doc.ts'
import { addItem } from '#common/collab/board-ops.ts'
import { encodePoints } from '#common/collab/board-points.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, nextClose, until, waitSynced } from '../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.cleanup())

const page = defaultPageId('board-1')
const stroke = (doc: Y.Doc, by: string, x: number) =>
  addItem(
    doc,
    {
      kind: 'ink',
      page,
      by,
      style: { color: '#1d4ed8', width: 4 },
      pressure: false,
      first: encodePoints(
        [
          { x, y: 50 },
          { x: x + 30, y: 80 },
        ],
        false,
      ).bytes,
    },
    by,
  )

describe('locked boards', () => {
  it("a learner's stroke while locked is refused by the server and never appears anywhere", async () => {
    const s = await createSession(server.url)
    const teacherJoin = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learnerJoin = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
    const control = connectDoc(teacherJoin, 'control')
    const teacher = connectDoc(teacherJoin, 'boards')
    const learner = connectDoc(learnerJoin, 'boards')
    await Promise.all([waitSynced(control), waitSynced(teacher), waitSynced(learner)])

    const before = stroke(learner.doc, 'learner', 10)
    await until(() => pageItems(teacher.doc, page).length === 1, 5000, 'the stroke before the lock')

    control.doc.getMap(ControlDoc.locks).set('boards', true)
    await until(
      () =>
        server.atrium.collab.accessFor(
          { user: { ...learnerJoin.participant }, sessionId: s.id, expiresAt: 2e9 },
          { sessionId: s.id as any, kind: 'boards' },
        ) === 'read',
      5000,
      'the lock at the server',
    )
    const closed = nextClose(learner)
    learner.shouldConnect = false
    const locked = stroke(learner.doc, 'learner', 300)
    expect(await closed).toBe(4403)
    const teachers = stroke(teacher.doc, 'teacher', 600)

    // A late joiner loads the stored document: the teacher's stroke is there, the refused one is not.
    const observer = connectDoc(await joinAs(server.url, s.id, s.invites.observer, 'Visitor'), 'boards')
    await waitSynced(observer)
    await until(() => pageItems(observer.doc, page).length === 2, 5000, "the teacher's stroke at a late joiner")
    for (const doc of [teacher.doc, observer.doc]) {
      expect(
        pageItems(doc, page)
          .map((i) => i.id)
          .sort(),
      ).toEqual([before, teachers].sort())
      expect(pageItems(doc, page).some((i) => i.id === locked)).toBe(false)
    }
    for (const p of [control, teacher, learner, observer]) p.destroy()
  })
})
