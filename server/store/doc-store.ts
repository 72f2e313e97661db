/**
 * Yjs documents in SQLite: an append-only log of updates per document and one merged snapshot.
 * Loading reads the snapshot plus the tail of the log after it; compaction folds the log into a
 * new snapshot in one transaction, so a crash at any moment leaves a loadable document.
 */
import type { Db } from './database.ts'

export interface StoredDoc {
  snapshot: Uint8Array | undefined
  /** Updates after the snapshot, in the order they were accepted. */
  tail: Uint8Array[]
  /** Sequence number of the last stored update (0 for a new document). */
  lastSeq: number
  /** Bytes in the tail. */
  tailBytes: number
}

export interface PendingWrite {
  doc: string
  updates: Uint8Array[]
}

export class DocStore {
  private readonly stmts
  private readonly lastSeq = new Map<string, number>()
  private readonly appendMany: (writes: PendingWrite[]) => void

  constructor(private readonly db: Db) {
    this.stmts = {
      snapshot: db.prepare<[string], { data: Buffer; seq: number }>(
        'SELECT data, seq FROM doc_snapshots WHERE doc = ?',
      ),
      tail: db.prepare<[string, number], { data: Buffer; seq: number }>(
        'SELECT data, seq FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq',
      ),
      maxSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?'),
      insert: db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)'),
      putSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (doc, data, seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(doc) DO UPDATE SET data = excluded.data, seq = excluded.seq, updated_at = excluded.updated_at`,
      ),
      dropUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    }
    this.appendMany = db.transaction((writes: PendingWrite[]) => {
      for (const w of writes) {
        let seq = this.seqOf(w.doc)
        for (const u of w.updates) this.stmts.insert.run(w.doc, ++seq, u)
        this.lastSeq.set(w.doc, seq)
      }
    })
  }

  private seqOf(doc: string): number {
    let seq = this.lastSeq.get(doc)
    if (seq === undefined) {
      const snap = this.stmts.snapshot.get(doc)?.seq ?? 0
      seq = Math.max(snap, this.stmts.maxSeq.get(doc)?.seq ?? 0)
      this.lastSeq.set(doc, seq)
    }
    return seq
  }

  load(doc: string): StoredDoc {
    const snap = this.stmts.snapshot.get(doc)
    const rows = this.stmts.tail.all(doc, snap?.seq ?? 0)
    const tail = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength))
    const lastSeq = Math.max(snap?.seq ?? 0, rows.at(-1)?.seq ?? 0)
    this.lastSeq.set(doc, lastSeq)
    return {
      snapshot: snap ? new Uint8Array(snap.data.buffer, snap.data.byteOffset, snap.data.byteLength) : undefined,
      tail,
      lastSeq,
      tailBytes: tail.reduce((n, u) => n + u.byteLength, 0),
    }
  }

  /** Appends the updates of many documents in one transaction. Throws if the write fails. */
  append(writes: PendingWrite[]): void {
    if (writes.length > 0) this.appendMany(writes)
  }

  /**
   * Replaces everything stored for `doc` up to `seq` with `snapshot` (the merged state of exactly
   * those updates), in one transaction.
   */
  compact(doc: string, snapshot: Uint8Array, seq: number, now = Date.now()): void {
    this.db.transaction(() => {
      this.stmts.putSnapshot.run(doc, snapshot, seq, now)
      this.stmts.dropUpTo.run(doc, seq)
    })()
  }

  /** Sequence number of the last update stored for `doc`. */
  lastSeqOf(doc: string): number {
    return this.seqOf(doc)
  }
}
