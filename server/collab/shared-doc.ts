/**
 * One live document: its Y.Doc, its awareness, the connections that have it open, and the changes
 * accepted since the last flush. Changes reach other clients only through `publish`, which the
 * flusher calls after they are committed to SQLite.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { DocRef } from '#common/collab/doc-layout.ts'
import { SyncType } from '#common/protocol/y-messages.ts'
import type { StoredDoc } from '../store/doc-store.ts'
import { encodeAwarenessMessage, encodeSync } from './messages.ts'
import type { CollabConnection } from './connection.ts'

/** Origin of the transaction that loads a document from storage (not a change to store again). */
const LOAD = Symbol('load')

export interface DirtyListener {
  markDirty(doc: SharedDoc): void
}

export class SharedDoc {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly conns = new Set<CollabConnection>()
  /** Updates stored after the last snapshot: drives compaction. */
  tailUpdates: number
  tailBytes: number
  private pending: Uint8Array[] = []
  private readonly pendingAwareness = new Set<number>()
  private afterCommit: (() => void)[] = []
  unloadTimer: NodeJS.Timeout | undefined
  /** Changes accepted since load (an update that changes nothing does not count). */
  changes = 0

  constructor(
    readonly name: string,
    readonly ref: DocRef,
    stored: StoredDoc,
    private readonly dirty: DirtyListener,
  ) {
    this.awareness.setLocalState(null)
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
      for (const u of stored.tail) Y.applyUpdate(this.doc, u)
    }, LOAD)
    this.tailUpdates = stored.tail.length
    this.tailBytes = stored.tailBytes
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD) return
    this.changes++
    this.pending.push(update)
    this.dirty.markDirty(this)
  }

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    for (const list of [changes.added, changes.updated, changes.removed]) {
      for (const id of list) this.pendingAwareness.add(id)
    }
    if (this.pendingAwareness.size > 0) this.dirty.markDirty(this)
  }

  hasPendingUpdates(): boolean {
    return this.pending.length > 0
  }

  /** Hands the accepted-but-unstored updates to the flusher. */
  takePending(): Uint8Array[] {
    const out = this.pending
    this.pending = []
    return out
  }

  /** Runs `fn` once everything accepted so far is committed (at once if nothing is pending). */
  whenCommitted(fn: () => void): void {
    if (this.pending.length === 0) fn()
    else this.afterCommit.push(fn)
  }

  /** Sends committed updates to every connection, encoded once; returns how many frames went out. */
  publish(committed: Uint8Array[]): number {
    let sends = 0
    if (committed.length > 0) {
      this.tailUpdates += committed.length
      for (const u of committed) this.tailBytes += u.byteLength
      const update = committed.length === 1 ? committed[0]! : Y.mergeUpdates(committed)
      sends += this.broadcast(encodeSync(SyncType.Update, update))
    }
    if (this.pendingAwareness.size > 0) {
      const ids = [...this.pendingAwareness]
      this.pendingAwareness.clear()
      sends += this.broadcast(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
    }
    const callbacks = this.afterCommit
    this.afterCommit = []
    for (const fn of callbacks) fn()
    return sends
  }

  /** `[1, awarenessUpdate]` with every known client. */
  encodeAllAwareness(): Uint8Array {
    return encodeAwarenessMessage(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    )
  }

  private broadcast(message: Uint8Array): number {
    for (const conn of this.conns) conn.sendBroadcast(message)
    return this.conns.size
  }

  /** Distinct identities present in this document's awareness. */
  presentIdentities(): Set<string> {
    const out = new Set<string>()
    for (const state of this.awareness.getStates().values()) {
      const identity = (state as { user?: { identity?: unknown } }).user?.identity
      if (typeof identity === 'string') out.add(identity)
    }
    return out
  }

  removeConnection(conn: CollabConnection): void {
    this.conns.delete(conn)
    if (conn.clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], conn)
    }
  }

  destroy(): void {
    clearTimeout(this.unloadTimer)
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
