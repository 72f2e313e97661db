/** What a file is, from its first bytes (never from a name or a Content-Type header). */

export type FileKind = 'pdf' | 'png' | 'jpeg'

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v)

export function sniff(bytes: Uint8Array): FileKind | undefined {
  // PDF readers accept the header anywhere in the first 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  if (head.includes('%PDF-')) return 'pdf'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  return undefined
}

export const MIME: Record<FileKind, string> = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' }

/** Width and height of a PNG or JPEG, or undefined when the header cannot be read. */
export function imageSize(bytes: Uint8Array, kind: 'png' | 'jpeg'): [number, number] | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (kind === 'png') {
    if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined
    return [b.readUInt32BE(16), b.readUInt32BE(20)]
  }
  let i = 2
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1]!
    const len = b.readUInt16BE(i + 2)
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)]
    }
    i += 2 + len
  }
  return undefined
}
