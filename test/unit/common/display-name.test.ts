import { describe, expect, it } from 'vitest'
import { displayNameSchema } from '#common/display-name.ts'

describe('display names', () => {
  it('are trimmed', () => {
    expect(displayNameSchema.parse('  Wang Fang \n')).toBe('Wang Fang')
  })
  it('count characters, not UTF-16 units', () => {
    expect(displayNameSchema.safeParse('😀'.repeat(64)).success).toBe(true)
    expect(displayNameSchema.safeParse('😀'.repeat(65)).success).toBe(false)
  })
  it.each(['', '   ', 'a\u0000b', 'tab\there', 'rtl\u202Eoverride', 'iso\u2066late'])('refuse %j', (name) => {
    expect(displayNameSchema.safeParse(name).success).toBe(false)
  })
  it('keep ordinary names in any script', () => {
    for (const n of ['李老师', "O'Brien", 'José María', 'Zoë-Ann Smith Jr.']) {
      expect(displayNameSchema.parse(n)).toBe(n)
    }
  })
})
