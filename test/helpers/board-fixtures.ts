/** Small files for board tests, made here (no binary fixtures): PDFs with pdf-lib, a PNG by hand. */
import zlib from 'node:zlib'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'

export async function makePdf(pages: number, size: [number, number] = [842, 595]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let i = 0; i < pages; i++) {
    const p = doc.addPage(size)
    p.drawText(`Slide ${i + 1}`, { x: 60, y: size[1] - 120, size: 64, font })
  }
  return doc.save()
}

/**
 * A landscape PDF whose page i is white with a solid block of `colors[i]` ([r, g, b] 0–255) over
 * one half: the left half on even pages, the right half on odd ones, so each page looks different.
 */
export async function makeColourPdf(colors: [number, number, number][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  colors.forEach(([r, g, b], i) => {
    const p = doc.addPage([842, 595])
    p.drawRectangle({ x: i % 2 ? 421 : 0, y: 0, width: 421, height: 595, color: rgb(r / 255, g / 255, b / 255) })
  })
  return doc.save()
}

function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

/** A solid-colour RGB PNG. */
export function makePng(w: number, h: number, rgb: [number, number, number] = [200, 30, 30]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td))
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())])
  const raw = Buffer.concat(Array.from({ length: h }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

export async function postBytes(url: string, token: string, body: Uint8Array, type = 'application/octet-stream') {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: body as BodyInit,
  })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json }
}
