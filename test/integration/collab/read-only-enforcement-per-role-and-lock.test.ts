/**
 * A write from a connection without the right is never applied or relayed: the sender gets a
 * permission-denied message and close 4403, everyone else sees nothing, and read-only users keep
 * receiving updates. Rights follow the role and the teacher's locks, live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, nextClose, until, waitSynced } from '../../helpers/collab-client.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import type { CreateSessionResponse } from '#common/api/sessions.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

async function people(s: CreateSessionResponse) {
  return {
    teacher: await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li'),
    learner: await joinAs(server.url, s.id, s.invites.learner, 'Wang'),
    observer: await joinAs(server.url, s.id, s.invites.observer, 'Visitor'),
    room: await joinAs(server.url, s.id, s.invites.room, 'Room 101'),
  }
}

/** Captures y-protocols auth (permission denied) messages reaching a provider. */
function deniedReasons(provider: ReturnType<typeof connectDoc>): string[] {
  const reasons: string[] = []
  provider.messageHandlers[2] = (_encoder, decoder: decoding.Decoder) => {
    decoding.readVarUint(decoder)
    reasons.push(decoding.readVarString(decoder))
  }
  return reasons
}

describe('read-only enforcement', () => {
  it.each([
    ['a learner', 'learner', 'control'],
    ['an observer', 'observer', 'boards'],
    ['the room device', 'room', 'lab'],
  ] as const)('%s writing the %s document is refused, and nobody sees the write', async (_l, who, kind) => {
    const s = await createSession(server.url)
    const p = await people(s)
    const teacher = connectDoc(p.teacher, kind)
    const writer = connectDoc(p[who], kind)
    try {
      await Promise.all([waitSynced(teacher), waitSynced(writer)])
      const reasons = deniedReasons(writer)
      const closed = nextClose(writer)
      writer.shouldConnect = false
      writer.doc.getMap('m').set('sneaky', true)
      expect(await closed).toBe(4403)
      expect(reasons).toEqual(['this document is read-only for you'])

      // The teacher's edit still reaches a fresh reader; the sneaky one exists nowhere.
      teacher.doc.getMap('m').set('legit', true)
      const reader = connectDoc(p.observer, kind)
      await waitSynced(reader)
      await until(() => reader.doc.getMap('m').get('legit') === true, 5000, 'the teacher edit')
      expect(reader.doc.getMap('m').has('sneaky')).toBe(false)
      expect(teacher.doc.getMap('m').has('sneaky')).toBe(false)
      reader.destroy()
    } finally {
      teacher.destroy()
      writer.destroy()
    }
  })

  it('read-only users keep receiving updates', async () => {
    const s = await createSession(server.url)
    const p = await people(s)
    const teacher = connectDoc(p.teacher, 'control')
    const learner = connectDoc(p.learner, 'control')
    const room = connectDoc(p.room, 'boards')
    const teacherBoards = connectDoc(p.teacher, 'boards')
    try {
      await Promise.all([waitSynced(teacher), waitSynced(learner), waitSynced(room), waitSynced(teacherBoards)])
      teacher.doc.getMap(ControlDoc.settings).set('spotlight', 'p_x')
      teacherBoards.doc.getArray('pages').push(['page 1'])
      await until(() => learner.doc.getMap(ControlDoc.settings).get('spotlight') === 'p_x', 5000, 'control edit')
      await until(() => room.doc.getArray('pages').length === 1, 5000, 'board edit')
    } finally {
      for (const p of [teacher, learner, room, teacherBoards]) p.destroy()
    }
  })

  it('while the teacher locks the boards a learner may not draw; after unlocking they may', async () => {
    const s = await createSession(server.url)
    const p = await people(s)
    const control = connectDoc(p.teacher, 'control')
    const teacherBoards = connectDoc(p.teacher, 'boards')
    let learner = connectDoc(p.learner, 'boards')
    try {
      await Promise.all([waitSynced(control), waitSynced(teacherBoards), waitSynced(learner)])
      learner.doc.getArray('strokes').push(['before lock'])
      await until(() => teacherBoards.doc.getArray('strokes').length === 1, 5000, 'the first stroke')

      control.doc.getMap(ControlDoc.locks).set('boards', true)
      await new Promise((r) => setTimeout(r, 100))
      const closed = nextClose(learner)
      learner.shouldConnect = false
      learner.doc.getArray('strokes').push(['while locked'])
      expect(await closed).toBe(4403)
      // The teacher may still draw; the locked stroke never arrives.
      teacherBoards.doc.getArray('strokes').push(['teacher while locked'])
      await new Promise((r) => setTimeout(r, 200))
      expect(teacherBoards.doc.getArray('strokes').toArray()).toEqual(['before lock', 'teacher while locked'])

      control.doc.getMap(ControlDoc.locks).set('boards', false)
      await new Promise((r) => setTimeout(r, 100))
      learner.destroy()
      learner = connectDoc(p.learner, 'boards')
      await waitSynced(learner)
      learner.doc.getArray('strokes').push(['after unlock'])
      await until(() => teacherBoards.doc.getArray('strokes').length === 3, 5000, 'the stroke after unlocking')
    } finally {
      control.destroy()
      teacherBoards.destroy()
      learner.destroy()
    }
  })

  it('a learner removed from a breakout group loses its documents at once', async () => {
    const s = await createSession(server.url)
    const p = await people(s)
    const control = connectDoc(p.teacher, 'control')
    await waitSynced(control)
    const Y = await import('yjs')
    const group = new Y.Map<unknown>()
    const members = new Y.Array<string>()
    members.push([p.learner.participant.identity])
    group.set('members', members)
    control.doc.getMap(ControlDoc.groups).set('g1', group)
    await new Promise((r) => setTimeout(r, 100))
    const groupBoards = {
      ...p.learner,
      collab: { ...p.learner.collab, docs: { boards: `session/${s.id}/group/g1/boards` } },
    }
    const inGroup = connectDoc(groupBoards, 'boards')
    try {
      await waitSynced(inGroup)
      const closed = nextClose(inGroup)
      inGroup.shouldConnect = false
      members.delete(0, 1)
      expect(await closed).toBe(4403)
    } finally {
      inGroup.destroy()
      control.destroy()
    }
  })
})
