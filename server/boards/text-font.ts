/**
 * The font exported PDFs write text with: Noto Sans SC (Latin, common punctuation and the ~7,900
 * most used Chinese characters; assets/LICENSES.md), read from assets/ and unpacked once, on first
 * use. pdf-lib embeds only the glyphs a board uses.
 */
import fs from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../paths.ts'
import { woffToSfnt } from './woff.ts'

export const TEXT_FONT_FILE = path.join(
  projectRoot,
  'assets',
  'fonts',
  'noto-sans-sc-chinese-simplified-400-normal.woff',
)

let bytes: Uint8Array | undefined

export function textFontBytes(): Uint8Array {
  bytes ??= new Uint8Array(woffToSfnt(fs.readFileSync(TEXT_FONT_FILE)))
  return bytes
}
