import { describe, expect, it } from 'vitest'
import { quantizeLevel, speakerChanges } from '../../../../server/media/sfu/active-speakers.ts'

const levels = (entries: Record<string, number>) => new Map(Object.entries(entries))
const plain = (changes: ReturnType<typeof speakerChanges>) =>
  changes.map(({ sid, level, active }) => ({ sid, level, active }))

describe('active speakers', () => {
  it('reports a quiet talker at the lowest step instead of a level too small to show', () => {
    expect(quantizeLevel(0.012)).toBe(0.125)
    expect(quantizeLevel(0.4)).toBe(0.5)
    expect(quantizeLevel(1.3)).toBe(1)
  })

  it('sends a talker again when the level moves, and nothing while it holds', () => {
    const started = speakerChanges(levels({}), levels({ a: 0.125 }))
    expect(plain(started)).toEqual([{ sid: 'a', level: 0.125, active: true }])
    // The voice got louder: everyone learns the new level (the ring grows), not only who talks.
    expect(plain(speakerChanges(levels({ a: 0.125 }), levels({ a: 0.5 })))).toEqual([
      { sid: 'a', level: 0.5, active: true },
    ])
    expect(speakerChanges(levels({ a: 0.5 }), levels({ a: 0.5 }))).toEqual([])
  })

  it('lists the loudest first and says who stopped, at level 0', () => {
    const changes = speakerChanges(levels({ a: 0.25, c: 0.5 }), levels({ b: 0.375, c: 0.75 }))
    expect(plain(changes)).toEqual([
      { sid: 'c', level: 0.75, active: true },
      { sid: 'b', level: 0.375, active: true },
      { sid: 'a', level: 0, active: false },
    ])
  })
})
