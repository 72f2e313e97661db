/**
 * The collab endpoint: a registry of live documents and the sockets attached to them.
 * An instance, not module state, so tests and future multi-instance setups can run several.
 */
import type { WebSocket } from 'ws'
import type { Logger } from 'pino'
import { docName } from '#common/collab/doc-layout.ts'
import type { SessionId } from '#common/ids.ts'
import { CloseCode } from '#common/protocol/close-codes.ts'
import { SharedDoc } from './shared-doc.ts'
import { CollabConnection, type ConnectionContext } from './connection.ts'

export class CollabServer {
  private readonly docs = new Map<string, SharedDoc>()

  constructor(private readonly log: Logger) {}

  /** Attaches an authenticated socket to a document (the upgrade has already checked the token). */
  attach(ws: WebSocket, name: string, ctx: ConnectionContext): void {
    const shared = this.getDoc(name)
    const conn: CollabConnection = new CollabConnection(
      ws,
      shared,
      ctx,
      this.log.child({ doc: name }),
      (clientId) => {
        for (const c of shared.conns) if (c.clientIds.has(clientId)) return c
        return undefined
      },
      (closed) => shared.removeConnection(closed),
    )
    shared.conns.add(conn)
  }

  private getDoc(name: string): SharedDoc {
    let shared = this.docs.get(name)
    if (!shared) {
      shared = new SharedDoc(name)
      this.docs.set(name, shared)
    }
    return shared
  }

  /** How many distinct people are present in a session (by awareness on its control document). */
  presenceCount(sessionId: SessionId): number {
    return this.docs.get(docName({ sessionId, kind: 'control' }))?.presentIdentities().size ?? 0
  }

  /** Closes every socket (1001, so clients reconnect) and frees every document. */
  close(): void {
    for (const shared of this.docs.values()) {
      for (const conn of [...shared.conns]) conn.close(CloseCode.GoingAway, 'server shutting down')
      shared.destroy()
    }
    this.docs.clear()
  }
}
