import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  assignBySeat,
  assignEvenly,
  assignRandomly,
  assignToGroup,
  groupOf,
  moveToSeat,
  pausedTimer,
  readGroups,
  resumedTimer,
  seatMoveOf,
  timerLeftMs,
  writeGroups,
} from '#common/collab/lesson-control.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'

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

describe('ways to split a class', () => {
  it('at random: everyone once, sizes within one, and the order depends on the dice', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    let seed = 1
    const dice = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const groups = assignRandomly(people, 3, dice)
    expect(Object.values(groups).flat().sort()).toEqual(people)
    expect(Object.values(groups).map((g) => g.length)).toEqual([3, 2, 2])
    const again = assignRandomly(people, 3, dice)
    expect(again).not.toEqual(groups)
  })

  it('by seat: neighbours in the scene seat order share a group; people without a seat come last', () => {
    const seats = ['r1c1', 'r1c2', 'r1c3', 'r2c1', 'r2c2']
    const people = [
      { identity: 'far', seat: 'r2c2' },
      { identity: 'none' },
      { identity: 'front', seat: 'r1c1' },
      { identity: 'mid', seat: 'r1c3' },
      { identity: 'next', seat: 'r1c2' },
    ]
    expect(assignBySeat(people, 2, seats)).toEqual({ g1: ['front', 'next', 'mid'], g2: ['far', 'none'] })
  })
})

describe('the teacher seats someone', () => {
  it('keeps the newest move per person and ignores malformed entries', () => {
    const doc = new Y.Doc()
    moveToSeat(doc, 'ann', 'r1c1', 10)
    moveToSeat(doc, 'bo', 'r1c2', 11)
    moveToSeat(doc, 'ann', 'r2c1', 12)
    expect(seatMoveOf(doc, 'ann')).toEqual({ seat: 'r2c1', at: 12 })
    expect(seatMoveOf(doc, 'bo')).toEqual({ seat: 'r1c2', at: 11 })
    doc.getMap(ControlDoc.settings).set('seatMoves', { cy: { seat: 7 } })
    expect(seatMoveOf(doc, 'cy')).toBeUndefined()
  })
})

describe('the lesson timer', () => {
  const timer = { endsAt: 100_000, seconds: 60 }
  it('counts down against server time and never shows more than it was set for', () => {
    expect(timerLeftMs(timer, 70_000)).toBe(30_000)
    expect(timerLeftMs(timer, 0)).toBe(60_000)
    expect(timerLeftMs(timer, 120_000)).toBe(0)
  })
  it('pauses where it is, stays there, and resumes from what was left', () => {
    const paused = pausedTimer(timer, 70_000)
    expect(timerLeftMs(paused, 95_000)).toBe(30_000)
    expect(pausedTimer(paused, 99_000)).toEqual(paused)
    const running = resumedTimer(paused, 200_000)
    expect(running).toEqual({ endsAt: 230_000, seconds: 60 })
    expect(timerLeftMs(running, 220_000)).toBe(10_000)
    expect(resumedTimer(running, 0)).toBe(running)
  })
})
