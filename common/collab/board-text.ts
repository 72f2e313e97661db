/**
 * How the text of text items and notes breaks into lines, the same on every side: browsers draw
 * the lines on their canvas and the server into exported PDFs, so a note wraps alike everywhere.
 */

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.25

/**
 * The lines of `text` no wider than `width` (as `measure` reports): breaks at newlines, then
 * between words, and anywhere in a paragraph without spaces (Chinese has none). A single word
 * wider than `width` stays whole on its line.
 */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  for (const para of text.split('\n')) {
    let line = ''
    for (const piece of para.includes(' ') ? para.split(/(?<= )/) : [...para]) {
      if (line && measure(line + piece) > width) {
        lines.push(line)
        line = ''
      }
      line += piece
    }
    lines.push(line)
  }
  return lines
}
