import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { woffToSfnt } from '../../../server/boards/woff.ts'
import { TEXT_FONT_FILE } from '../../../server/boards/text-font.ts'

describe('woffToSfnt', () => {
  const woff = fs.readFileSync(TEXT_FONT_FILE)

  it('unpacks the shipped font into a TrueType font with the same glyphs', () => {
    const ttf = woffToSfnt(woff)
    expect(ttf.readUInt32BE(0)).toBe(0x00010000)
    const packed = fontkit.create(woff)
    const plain = fontkit.create(ttf)
    expect(plain.numGlyphs).toBe(packed.numGlyphs)
    expect(plain.characterSet).toEqual(packed.characterSet)
    for (const ch of ['中', '文', 'A', '，']) {
      const cp = ch.codePointAt(0)!
      expect(plain.glyphForCodePoint(cp).path.toSVG()).toBe(packed.glyphForCodePoint(cp).path.toSVG())
      expect(plain.glyphForCodePoint(cp).advanceWidth).toBe(packed.glyphForCodePoint(cp).advanceWidth)
    }
  })

  it('refuses bytes that are not a whole WOFF font', () => {
    expect(() => woffToSfnt(new Uint8Array(100))).toThrow('not a WOFF 1.0 font')
    expect(() => woffToSfnt(woff.subarray(0, 60))).toThrow('truncated WOFF table directory')
    expect(() => woffToSfnt(woff.subarray(0, woff.length - 1000))).toThrow('truncated WOFF table')
  })
})
