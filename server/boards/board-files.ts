/**
 * Board files on disk, content-addressed: `<data>/boards/<sha256>`, written to a temporary name
 * and renamed, so a file is either whole or absent. The same bytes are stored once.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export class BoardFiles {
  private readonly dir: string

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'boards')
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 })
  }

  static hash(bytes: Uint8Array): string {
    return crypto.createHash('sha256').update(bytes).digest('hex')
  }

  private pathOf(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('not a sha-256')
    return path.join(this.dir, sha)
  }

  /** Stores bytes; returns their sha-256. */
  put(bytes: Uint8Array): string {
    const sha = BoardFiles.hash(bytes)
    const file = this.pathOf(sha)
    if (fs.existsSync(file)) return sha
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
    fs.writeFileSync(tmp, bytes, { mode: 0o600 })
    fs.renameSync(tmp, file)
    return sha
  }

  get(sha: string): Buffer | undefined {
    const file = this.pathOf(sha)
    return fs.existsSync(file) ? fs.readFileSync(file) : undefined
  }

  /** How many files are stored (tests check that a refused upload stored nothing). */
  count(): number {
    return fs.readdirSync(this.dir).filter((f) => !f.endsWith('.tmp')).length
  }
}
