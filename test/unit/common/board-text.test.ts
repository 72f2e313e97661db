import { describe, expect, it } from 'vitest'
import { wrapLines } from '#common/collab/board-text.ts'

// Every character 10 units wide.
const measure = (s: string) => [...s].length * 10

describe('wrapLines', () => {
  it('breaks between words when a line would be too wide', () => {
    expect(wrapLines('the quick brown fox', 100, measure)).toEqual(['the quick ', 'brown fox'])
  })

  it('breaks Chinese anywhere, since it has no spaces', () => {
    expect(wrapLines('请同学们用自己的话解释', 40, measure)).toEqual(['请同学们', '用自己的', '话解释'])
  })

  it('keeps newlines and empty lines, and a word too long for any line whole', () => {
    expect(wrapLines('a\n\nsupercalifragilistic b', 60, measure)).toEqual(['a', '', 'supercalifragilistic ', 'b'])
  })
})
