import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } from 'y-protocols/awareness'
import { guardAwarenessUpdate, type AwarenessOwner } from '../../../server/collab/awareness-guard.ts'

function updateFrom(clientID: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const a = new Awareness(doc)
  a.setLocalState(state)
  const u = encodeAwarenessUpdate(a, [clientID])
  a.destroy()
  return u
}

function owner(identity: string): AwarenessOwner {
  return { clientIds: new Set(), user: { identity, name: identity.toUpperCase(), role: 'learner' } }
}

function decode(update: Uint8Array): Map<number, unknown> {
  const a = new Awareness(new Y.Doc())
  applyAwarenessUpdate(a, update, null)
  const states = new Map(a.getStates())
  a.destroy()
  return states
}

describe('awareness guard', () => {
  it('overwrites the identity a client claims with the one from its token', () => {
    const conn = owner('p_learner')
    const out = guardAwarenessUpdate(
      updateFrom(7, { user: { identity: 'p_teacher', name: 'Teacher', role: 'teacher' }, place: 'remote' }),
      conn,
      () => undefined,
    )
    expect(decode(out!).get(7)).toEqual({ user: conn.user, place: 'remote' })
    expect([...conn.clientIds]).toEqual([7])
  })

  it('drops updates for a client id another connection owns, so nobody can erase someone else', () => {
    const victim = owner('p_victim')
    victim.clientIds.add(7)
    const attacker = owner('p_attacker')
    expect(guardAwarenessUpdate(updateFrom(7, { place: 'onsite' }), attacker, () => victim)).toBeUndefined()
    expect(attacker.clientIds.size).toBe(0)
  })

  it('refuses malformed bytes', () => {
    expect(() => guardAwarenessUpdate(new Uint8Array([5, 1]), owner('p_x'), () => undefined)).toThrow()
    const bad = updateFrom(3, { a: 1 })
    expect(() => guardAwarenessUpdate(new Uint8Array([...bad, 9]), owner('p_x'), () => undefined)).toThrow()
  })

  it('limits how many client ids one connection may claim', () => {
    const conn = owner('p_x')
    for (let id = 1; id <= 6; id++) guardAwarenessUpdate(updateFrom(id, { n: id }), conn, () => undefined)
    expect(conn.clientIds.size).toBe(4)
  })
})
