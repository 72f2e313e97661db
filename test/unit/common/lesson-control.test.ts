import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { assignEvenly, assignToGroup, groupOf, readGroups, writeGroups } from '#common/collab/lesson-control.ts'

describe('breakout groups in the control document', () => {
  it('deals people evenly, so group sizes differ by at most one', () => {
    const groups = assignEvenly(['a', 'b', 'c', 'd', 'e'], 2)
    expect(groups).toEqual({ g1: ['a', 'c', 'e'], g2: ['b', 'd'] })
    expect(assignEvenly([], 3)).toEqual({ g1: [], g2: [], g3: [] })
  })

  it('writes, reads and moves people between groups', () => {
    const doc = new Y.Doc()
    writeGroups(doc, assignEvenly(['a', 'b', 'c'], 2))
    expect(readGroups(doc)).toEqual([
      { id: 'g1', members: ['a', 'c'] },
      { id: 'g2', members: ['b'] },
    ])
    assignToGroup(doc, 'a', 'g2')
    expect(groupOf(readGroups(doc), 'a')).toBe('g2')
    assignToGroup(doc, 'b', undefined)
    expect(readGroups(doc)).toEqual([
      { id: 'g1', members: ['c'] },
      { id: 'g2', members: ['a'] },
    ])
  })

  it('sorts groups by number, g10 after g2', () => {
    const doc = new Y.Doc()
    writeGroups(doc, { g10: ['x'], g2: ['y'], g1: [] })
    expect(readGroups(doc).map((g) => g.id)).toEqual(['g1', 'g2', 'g10'])
  })
})
