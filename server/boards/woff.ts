/**
 * WOFF 1.0 → plain TrueType/OpenType bytes (W3C WOFF 1.0, sections 3–5): each table inflated with
 * Node's zlib. The fonts we ship are WOFF as published; pdf-lib's font engine can read WOFF, but it
 * inflates every table in JavaScript on every export, which takes a second of the event loop for a
 * Chinese font. Converted once, an export takes milliseconds.
 */
import zlib from 'node:zlib'

const WOFF_SIGNATURE = 0x774f4646 // 'wOFF'
const HEADER = 44
const ENTRY = 20

export function woffToSfnt(woff: Uint8Array): Buffer {
  const b = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength)
  if (b.length < HEADER || b.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('not a WOFF 1.0 font')
  const flavor = b.readUInt32BE(4)
  const count = b.readUInt16BE(12)
  if (HEADER + count * ENTRY > b.length) throw new Error('truncated WOFF table directory')
  const tables: { tag: number; checksum: number; data: Buffer }[] = []
  for (let i = 0; i < count; i++) {
    const e = HEADER + i * ENTRY
    const [offset, compLength, origLength] = [b.readUInt32BE(e + 4), b.readUInt32BE(e + 8), b.readUInt32BE(e + 12)]
    if (offset + compLength > b.length) throw new Error('truncated WOFF table')
    const raw = b.subarray(offset, offset + compLength)
    const data = compLength < origLength ? zlib.inflateSync(raw) : raw
    if (data.length !== origLength) throw new Error('damaged WOFF table')
    tables.push({ tag: b.readUInt32BE(e), checksum: b.readUInt32BE(e + 16), data })
  }
  // The sfnt header and table records, then each table padded to 4 bytes (the WOFF directory is
  // already sorted by tag, as sfnt requires).
  const start = 12 + tables.length * 16
  const out = Buffer.alloc(tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), start))
  const pow2 = 2 ** Math.floor(Math.log2(Math.max(1, tables.length)))
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(tables.length, 4)
  out.writeUInt16BE(pow2 * 16, 6)
  out.writeUInt16BE(Math.log2(pow2), 8)
  out.writeUInt16BE(tables.length * 16 - pow2 * 16, 10)
  let at = start
  tables.forEach((t, i) => {
    const r = 12 + i * 16
    out.writeUInt32BE(t.tag, r)
    out.writeUInt32BE(t.checksum, r + 4)
    out.writeUInt32BE(at, r + 8)
    out.writeUInt32BE(t.data.length, r + 12)
    t.data.copy(out, at)
    at += (t.data.length + 3) & ~3
  })
  return out
}
