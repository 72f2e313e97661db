import { describe, expect, it } from 'vitest'
import { docAccess, type SessionControlState } from '../../../server/rooms/doc-rights.ts'
import type { DocRef } from '#common/collab/doc-layout.ts'
import type { SceneId, SessionId } from '#common/ids.ts'
import { ROLES, type Role } from '#common/roles.ts'

const sessionId = 'abcdefghjk' as SessionId
const scene = 'lecture-hall' as SceneId
const docs: Record<string, DocRef> = {
  control: { sessionId, kind: 'control' },
  responses: { sessionId, kind: 'responses' },
  boards: { sessionId, kind: 'boards' },
  lab: { sessionId, kind: 'lab', scene },
}
const who = (role: Role) => ({ role, identity: `p_${role}` })

describe('document rights', () => {
  it.each<[Role, Record<string, string>]>([
    ['teacher', { control: 'write', responses: 'read', boards: 'write', lab: 'write' }],
    ['assistant', { control: 'write', responses: 'read', boards: 'write', lab: 'write' }],
    ['learner', { control: 'read', responses: 'none', boards: 'write', lab: 'write' }],
    ['onsite', { control: 'read', responses: 'none', boards: 'write', lab: 'write' }],
    ['room', { control: 'read', responses: 'none', boards: 'read', lab: 'read' }],
    ['observer', { control: 'read', responses: 'none', boards: 'read', lab: 'read' }],
  ])('%s', (role, expected) => {
    const got = Object.fromEntries(Object.entries(docs).map(([k, d]) => [k, docAccess(who(role), d)]))
    expect(got).toEqual(expected)
  })

  it('a lock makes boards or lab read-only for everyone but moderators', () => {
    const locked: SessionControlState = { isLocked: (t) => t === 'boards', groupOf: () => undefined }
    expect(docAccess(who('learner'), docs.boards!, locked)).toBe('read')
    expect(docAccess(who('learner'), docs.lab!, locked)).toBe('write')
    expect(docAccess(who('teacher'), docs.boards!, locked)).toBe('write')
  })

  it("a breakout group's documents are open to its members and moderators only", () => {
    const control: SessionControlState = {
      isLocked: () => false,
      groupOf: (id) => (id === 'p_learner' ? 'g1' : undefined),
    }
    const g1: DocRef = { sessionId, kind: 'boards', group: 'g1' }
    const g2: DocRef = { sessionId, kind: 'lab', scene, group: 'g2' }
    expect(docAccess(who('learner'), g1, control)).toBe('write')
    expect(docAccess(who('learner'), g2, control)).toBe('none')
    expect(docAccess(who('onsite'), g1, control)).toBe('none')
    expect(docAccess(who('teacher'), g2, control)).toBe('write')
    for (const role of ROLES) expect(docAccess(who(role), docs.control!, control)).not.toBe('none')
  })
})
