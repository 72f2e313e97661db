/**
 * A tiny zip writer for tests, so malicious archives (names with "..", symbolic links, lying
 * sizes, bombs) can be built exactly as an attacker would, which real zip tools refuse to do.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export interface ZipEntry {
  name: string
  data: Buffer | string
  /** Unix mode bits stored in the central directory (0o120777 makes a symbolic link). */
  mode?: number
  /** Claimed uncompressed size, when lying about it. */
  declaredSize?: number
  store?: boolean
}

export function makeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data)
    const data = e.store ? raw : zlib.deflateRawSync(raw)
    const name = Buffer.from(e.name, 'utf8')
    const crc = zlib.crc32(raw)
    const size = e.declaredSize ?? raw.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(e.store ? 0 : 8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(e.store ? 0 : 8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** Every file of a folder as zip entries, paths relative to it (optionally under a prefix). */
export function folderEntries(dir: string, prefix = ''): ZipEntry[] {
  const out: ZipEntry[] = []
  const walk = (abs: string, rel: string) => {
    for (const d of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name
      if (d.isDirectory()) walk(path.join(abs, d.name), r)
      else out.push({ name: prefix + r, data: fs.readFileSync(path.join(abs, d.name)) })
    }
  }
  walk(dir, '')
  return out
}
