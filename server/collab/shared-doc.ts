import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncType } from '#common/protocol/y-messages.ts'
import type { CollabConnection } from './connection.ts'

/** One live document: its Y.Doc, its awareness, and the connections that have it open. */
export class SharedDoc {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly conns = new Set<CollabConnection>()

  constructor(readonly name: string) {
    // The server holds no presence of its own.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  private readonly onDocUpdate = (update: Uint8Array): void => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncType.Update)
    encoding.writeVarUint8Array(encoder, update)
    this.broadcast(encoding.toUint8Array(encoder))
  }

  private readonly onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    if (changed.length === 0) return
    this.broadcast(this.encodeAwareness(changed))
  }

  /** `[1, awarenessUpdate]` for the given clients (all known clients by default). */
  encodeAwareness(clients: number[] = [...this.awareness.getStates().keys()]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Awareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
    return encoding.toUint8Array(encoder)
  }

  broadcast(message: Uint8Array): void {
    for (const conn of this.conns) conn.send(message)
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
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
