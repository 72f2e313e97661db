/** Turns JSON.parse's error into "is not valid JSON at line L, column C: …" for authors. */
export function jsonSyntaxMessage(text: string, err: Error): string {
  const raw = err.message
  const pos = /position (\d+)/.exec(raw)
  let where = ''
  if (pos) {
    const offset = Number(pos[1])
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    where = ` at line ${line}, column ${column}`
  }
  const what = raw
    .replace(/^JSON\.parse: /, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
  return `is not valid JSON${where}: ${what}; check commas, quotes and brackets there`
}
