/**
 * `npm run bench:collab:load-time`: how long Atrium takes to load a document whose log holds
 * 100,000 updates, before and after compaction (SQLite in a temporary directory, in process).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { openDatabase } from '../../server/store/database.ts'
import { DocStore } from '../../server/store/doc-store.ts'
import { SharedDoc } from '../../server/collab/shared-doc.ts'
import type { DocRef } from '#common/collab/doc-layout.ts'
import type { SessionId } from '#common/ids.ts'

const UPDATES = Number(process.argv[2] ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-loadtime-'))
const db = openDatabase(dir)
const store = new DocStore(db)
const ref: DocRef = { sessionId: 'bbbbbbbbbb' as SessionId, kind: 'boards' }
const name = 'session/bbbbbbbbbb/boards'

// A realistic mix: strokes appended, some erased, page settings changed.
const source = new Y.Doc()
let batch: Uint8Array[] = []
source.on('update', (u: Uint8Array) => batch.push(u))
const strokes = source.getArray<string>('strokes')
const settings = source.getMap<number>('settings')
for (let i = 0; i < UPDATES; i++) {
  if (i % 10 === 9 && strokes.length > 0) strokes.delete(Math.floor(Math.random() * strokes.length), 1)
  else if (i % 10 === 8) settings.set(`k${i % 50}`, i)
  else strokes.push([`stroke-${i}-${'p'.repeat(40)}`])
  if (batch.length >= 1000) {
    store.append([{ doc: name, updates: batch }])
    batch = []
  }
}
store.append([{ doc: name, updates: batch }])
const expected = strokes.length

const none = { markDirty() {} }
function timeLoad(): { ms: number; tail: number } {
  const t0 = performance.now()
  const stored = store.load(name)
  const shared = new SharedDoc(name, ref, stored, none)
  const ms = performance.now() - t0
  if (shared.doc.getArray('strokes').length !== expected) throw new Error('loaded the wrong document')
  shared.destroy()
  return { ms, tail: stored.tail.length }
}

const before = timeLoad()
const snapshot = Y.encodeStateAsUpdate(source)
store.compact(name, snapshot, store.lastSeqOf(name))
const after = timeLoad()
const dbBytes = fs.statSync(path.join(dir, 'atrium.sqlite')).size
process.stdout.write(
  [
    `| document log | load time | updates read |`,
    `| --- | --- | --- |`,
    `| ${UPDATES.toLocaleString('en')} updates, not compacted | ${before.ms.toFixed(0)} ms | ${before.tail.toLocaleString('en')} |`,
    `| after compaction (snapshot ${(snapshot.byteLength / 1024).toFixed(0)} KiB) | ${after.ms.toFixed(1)} ms | ${after.tail} + snapshot |`,
    '',
    `(database file ${(dbBytes / 2 ** 20).toFixed(1)} MiB; compaction runs at 1,000 updates, so a live log never grows this long)`,
  ].join('\n') + '\n',
)
db.close()
fs.rmSync(dir, { recursive: true, force: true })
