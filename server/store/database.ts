import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { migrations } from './migrations.ts'

export type Db = Database.Database

export const DATABASE_FILE = 'atrium.sqlite'

/**
 * Opens (creating if needed) the one SQLite file in the data directory, in WAL mode with
 * foreign keys on, and brings its schema up to date.
 */
export function openDatabase(dataDir: string): Db {
  // The data directory holds invites and secrets: only this user may read it.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const db = new Database(path.join(dataDir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the tail).
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new Error(
      `The database in use has schema version ${current}, newer than this Atrium (${migrations.length}). Update Atrium.`,
    )
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
