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
  /** Awareness client id → the connection that claimed it (a cache over `conns`). */
  private readonly owners = new Map<number, CollabConnection>()
  /** Updates stored after the last snapshot: drives compaction. */
  tailUpdates: number
  tailBytes: number
  private pending: Uint8Array[] = []
  /**
   * Checked updates from clients, applied together at the end of the event-loop turn: one Yjs
   * transaction (and one 'update' event) for many messages. The control document applies at once,
   * so a lock is in force for the very next message.
   */
  private incoming: { update: Uint8Array; from: CollabConnection }[] = []
  private readonly incomingEnds = new Map<number, number>()
  private applyScheduled: NodeJS.Immediate | undefined
  private readonly pendingAwareness = new Set<number>()
  private afterCommit: (() => void)[] = []
  unloadTimer: NodeJS.Timeout | undefined
  /** Document update messages since the last flush. */
  private updatesSinceFlush = 0

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
    // A batch of client updates (see applyIncoming) is as many messages as it holds.
    this.updatesSinceFlush += Array.isArray(origin) ? origin.length : 1
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

  /** The clock this document has for `client`, counting updates accepted but not applied yet. */
  knownClock(client: number): number {
    return Math.max(Y.getState(this.doc.store, client), this.incomingEnds.get(client) ?? 0)
  }

  /** Takes a checked update from a client (see `checkUpdate`; `ends` is what it returned). */
  accept(update: Uint8Array, ends: ReadonlyMap<number, number>, from: CollabConnection): void {
    if (this.ref.kind === 'control') return Y.applyUpdate(this.doc, update, from)
    this.incoming.push({ update, from })
    for (const [client, end] of ends) this.incomingEnds.set(client, Math.max(end, this.incomingEnds.get(client) ?? 0))
    this.applyScheduled ??= setImmediate(this.applyIncoming)
  }

  /** Applies the accepted client updates now (also before unloading and at shutdown). */
  readonly applyIncoming = (): void => {
    clearImmediate(this.applyScheduled)
    this.applyScheduled = undefined
    const batch = this.incoming
    if (batch.length === 0) return
    this.incoming = []
    this.incomingEnds.clear()
    this.doc.transact(() => {
      for (const { update, from } of batch) {
        try {
          Y.applyUpdate(this.doc, update, from)
        } catch (err) {
          from.rejectUpdate(err)
        }
      }
    }, batch)
  }

  /** How many document update messages arrived since the last flush. */
  takeUpdateCount(): number {
    const n = this.updatesSinceFlush
    this.updatesSinceFlush = 0
    return n
  }

  hasPendingUpdates(): boolean {
    return this.pending.length > 0
  }

  /**
   * Hands the accepted-but-unstored updates to the flusher, merged into one: stored as one row and
   * relayed as one message.
   */
  takePending(): Uint8Array | undefined {
    const out = this.pending
    this.pending = []
    if (out.length <= 1) return out[0]
    return Y.mergeUpdates(out)
  }

  /** Runs `fn` once everything accepted so far is committed (at once if nothing is pending). */
  whenCommitted(fn: () => void): void {
    if (this.pending.length === 0) fn()
    else this.afterCommit.push(fn)
  }

  /**
   * Sends a committed update to every connection, encoded once, with the awareness changes held
   * since the last flush; returns how many connections the update went to.
   */
  publish(committed: Uint8Array | undefined): number {
    let receivers = 0
    if (committed) {
      this.tailUpdates++
      this.tailBytes += committed.byteLength
      receivers = this.broadcast(encodeSync(SyncType.Update, committed))
    }
    if (this.pendingAwareness.size > 0) {
      const ids = [...this.pendingAwareness]
      this.pendingAwareness.clear()
      this.broadcast(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
    }
    const callbacks = this.afterCommit
    this.afterCommit = []
    for (const fn of callbacks) fn()
    return receivers
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

  /** The connection that speaks for an awareness client id (claims are made by the awareness guard). */
  ownerOf(clientId: number): CollabConnection | undefined {
    const known = this.owners.get(clientId)
    if (known?.clientIds.has(clientId)) return known
    for (const c of this.conns) {
      if (c.clientIds.has(clientId)) {
        this.owners.set(clientId, c)
        return c
      }
    }
    return undefined
  }

  removeConnection(conn: CollabConnection): void {
    this.conns.delete(conn)
    for (const id of conn.clientIds) this.owners.delete(id)
    if (conn.clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], conn)
    }
  }

  destroy(): void {
    clearTimeout(this.unloadTimer)
    clearImmediate(this.applyScheduled)
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
