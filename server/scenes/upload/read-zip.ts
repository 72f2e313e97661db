/**
 * Reads an uploaded zip into a folder, refusing before anything is written: names that leave the
 * folder, links, encrypted or unknown file types, too many or too large files, and zip bombs
 * (declared sizes too large, a suspicious compression ratio, or data that inflates beyond what
 * it declares — caught while inflating). Only a folder of plain, allowed files comes out.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { PACKAGE_LIMITS, formatBytes } from '../package/limits.ts'
import { fileTypeOf } from '../package/file-types.ts'
import { isHidden } from '../package/walk.ts'

/** A refused upload: the entry (or `(zip)`) and why. */
export class ZipRefused extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message)
  }
}

/** Larger ratios than this (uncompressed ÷ compressed) on a file over 1 MiB are treated as a bomb. */
const MAX_RATIO = 200
const SAFE_NAME = /^[A-Za-z0-9_.\-/]+$/

const open = (buf: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (err, zip) =>
        err ? reject(new ZipRefused('(zip)', `is not a readable zip file (${err.message})`)) : resolve(zip!),
    ),
  )

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    zip.on('entry', (e: Entry) => {
      // Entry counts beyond any package are refused before the rest is even listed.
      if (entries.length > PACKAGE_LIMITS.maxFiles * 2) {
        reject(
          new ZipRefused(
            '(zip)',
            `has more than ${PACKAGE_LIMITS.maxFiles} files; a package may have at most ${PACKAGE_LIMITS.maxFiles}`,
          ),
        )
        return
      }
      entries.push(e)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', (err: Error) => reject(new ZipRefused('(zip)', `is damaged (${err.message})`)))
    zip.readEntry()
  })
}

interface Planned {
  entry: Entry
  rel: string
}

/** Checks every entry's name, kind and declared size; returns the files to extract. */
function plan(entries: Entry[]): Planned[] {
  const L = PACKAGE_LIMITS
  const files: Planned[] = []
  let declared = 0
  for (const entry of entries) {
    const raw = (entry.fileName as unknown as Buffer).toString('utf8')
    const name = raw.replace(/\/+$/, '')
    const isDir = raw.endsWith('/')
    if (raw.includes('\\') || raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || name.split('/').includes('..')) {
      throw new ZipRefused(raw, 'leaves the package folder (absolute path or ".."); every file must stay inside it')
    }
    if (isHidden(name) || name === '') continue
    if (!SAFE_NAME.test(name))
      throw new ZipRefused(raw, 'has characters other than letters, digits, "_", "-", "." and "/" in its name')
    const mode = (entry.externalFileAttributes >>> 16) & 0o170000
    if (mode === 0o120000) throw new ZipRefused(name, 'is a symbolic link; put the real file into the package instead')
    if (isDir) continue
    if (mode !== 0 && mode !== 0o100000) throw new ZipRefused(name, 'is not a regular file')
    if (entry.isEncrypted()) throw new ZipRefused(name, 'is encrypted; upload an unencrypted zip')
    if (!fileTypeOf(name)) {
      throw new ZipRefused(
        name,
        `is a "${path.extname(name) || '(no extension)'}" file, which scene packages may not contain`,
      )
    }
    if (entry.uncompressedSize > L.maxFileBytes) {
      throw new ZipRefused(
        name,
        `is ${formatBytes(entry.uncompressedSize)} unpacked; files may be at most ${formatBytes(L.maxFileBytes)}`,
      )
    }
    if (
      entry.uncompressedSize > 1024 * 1024 &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > MAX_RATIO
    ) {
      throw new ZipRefused(name, 'is compressed over 200 times: this looks like a zip bomb and is refused')
    }
    declared += entry.uncompressedSize
    files.push({ entry, rel: name })
  }
  if (files.length > L.maxFiles)
    throw new ZipRefused('(zip)', `has ${files.length} files; a package may have at most ${L.maxFiles}`)
  if (declared > L.maxPackageBytes) {
    throw new ZipRefused(
      '(zip)',
      `unpacks to ${formatBytes(declared)}; a package may be at most ${formatBytes(L.maxPackageBytes)}`,
    )
  }
  // A package zipped with its folder ("pendulum/scene.json") is read as if zipped inside it.
  const tops = new Set(files.map((f) => f.rel.split('/')[0]))
  if (!files.some((f) => f.rel === 'scene.json') && tops.size === 1 && files.every((f) => f.rel.includes('/'))) {
    const prefix = `${[...tops][0]}/`
    return files.map((f) => ({ ...f, rel: f.rel.slice(prefix.length) }))
  }
  return files
}

/** Counts bytes as they inflate and stops the stream past the limit, whatever the zip declared. */
function byteLimit(max: number, name: string, total: { n: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total.n += chunk.length
      if (total.n > max)
        done(new ZipRefused(name, 'inflates to more than the package limit: this looks like a zip bomb and is refused'))
      else done(null, chunk)
    },
  })
}

/** Extracts a zip buffer into `dir` (which must not exist yet). Throws ZipRefused. */
export async function extractZip(buf: Buffer, dir: string): Promise<{ files: number; bytes: number }> {
  const zip = await open(buf)
  try {
    const files = plan(await readEntries(zip))
    fs.mkdirSync(dir, { recursive: true })
    const total = { n: 0 }
    for (const { entry, rel } of files) {
      const target = path.join(dir, rel)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) =>
          err ? reject(new ZipRefused(rel, `cannot be read (${err.message})`)) : resolve(s!),
        ),
      )
      try {
        await pipeline(
          stream,
          byteLimit(PACKAGE_LIMITS.maxPackageBytes, rel, total),
          fs.createWriteStream(target, { flags: 'wx', mode: 0o644 }),
        )
      } catch (err) {
        if (err instanceof ZipRefused) throw err
        throw new ZipRefused(
          rel,
          `does not unpack to what the zip declares (${(err as Error).message}); it may be damaged or a zip bomb`,
        )
      }
    }
    return { files: files.length, bytes: total.n }
  } finally {
    zip.close()
  }
}
