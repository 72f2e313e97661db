/**
 * One collab socket: reads y-websocket messages, enforces the connection's write right, stamps
 * its awareness, and answers sync requests. Every failure closes this socket only.
 */
import type { WebSocket } from 'ws'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CloseCode } from '#common/protocol/close-codes.ts'
import { MessageType, SyncType, isEmptyUpdate } from '#common/protocol/y-messages.ts'
import type { PresenceUser } from '#common/collab/presence.ts'
import type { DocAccess } from '../rooms/doc-rights.ts'
import type { SharedDoc } from './shared-doc.ts'
import { guardAwarenessUpdate, type AwarenessOwner } from './awareness-guard.ts'

export interface ConnectionContext {
  user: PresenceUser
  sessionId: string
  access: Exclude<DocAccess, 'none'>
}

export class ProtocolError extends Error {
  constructor(
    readonly closeCode: CloseCode,
    message: string,
  ) {
    super(message)
  }
}

const PING_INTERVAL_MS = 30_000

export class CollabConnection implements AwarenessOwner {
  readonly clientIds = new Set<number>()
  readonly user: PresenceUser
  private alive = true
  private closed = false
  private readonly pinger: NodeJS.Timeout

  constructor(
    private readonly ws: WebSocket,
    private readonly shared: SharedDoc,
    private readonly ctx: ConnectionContext,
    private readonly log: Logger,
    private readonly ownerOf: (clientId: number) => AwarenessOwner | undefined,
    private readonly onClose: (conn: CollabConnection) => void,
  ) {
    this.user = ctx.user
    ws.binaryType = 'nodebuffer'
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary))
    ws.on('close', () => this.dispose())
    ws.on('error', (err) => this.log.debug({ err: err.message }, 'collab socket error'))
    ws.on('pong', () => {
      this.alive = true
    })
    this.pinger = setInterval(() => {
      if (!this.alive) return this.close(CloseCode.Timeout, 'no pong')
      this.alive = false
      ws.ping()
    }, PING_INTERVAL_MS)
    this.pinger.unref()
    this.sendInitialState()
  }

  private sendInitialState(): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncType.Step1)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.shared.doc))
    this.send(encoding.toUint8Array(encoder))
    if (this.shared.awareness.getStates().size > 0) this.send(this.shared.encodeAwareness())
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(message)
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return
    this.ws.close(code, reason)
    this.dispose()
  }

  private dispose(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.pinger)
    this.onClose(this)
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return
    try {
      if (!isBinary) throw new ProtocolError(CloseCode.BadMessage, 'text frames are not part of the protocol')
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    } catch (err) {
      const e = err instanceof ProtocolError ? err : new ProtocolError(CloseCode.BadMessage, 'malformed message')
      this.log.warn(
        { doc: this.shared.name, identity: this.user.identity, code: e.closeCode, err: (err as Error).message },
        'collab connection closed for a bad message',
      )
      this.close(e.closeCode, e.message)
    }
  }

  private handle(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.Sync:
        this.handleSync(decoder)
        break
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(decoder)
        this.expectEnd(decoder)
        const guarded = guardAwarenessUpdate(update, this, this.ownerOf)
        if (guarded) awarenessProtocol.applyAwarenessUpdate(this.shared.awareness, guarded, this)
        break
      }
      case MessageType.QueryAwareness:
        this.expectEnd(decoder)
        this.send(this.shared.encodeAwareness())
        break
      default:
        throw new ProtocolError(CloseCode.BadMessage, `unknown message type ${type}`)
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    this.expectEnd(decoder)
    switch (syncType) {
      case SyncType.Step1: {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MessageType.Sync)
        encoding.writeVarUint(encoder, SyncType.Step2)
        encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.shared.doc, payload))
        this.send(encoding.toUint8Array(encoder))
        break
      }
      case SyncType.Step2:
      case SyncType.Update:
        if (this.ctx.access !== 'write') {
          // A read-only client answering our step 1 with nothing is the normal handshake.
          if (isEmptyUpdate(payload)) return
          throw new ProtocolError(CloseCode.Forbidden, 'this document is read-only for you')
        }
        Y.applyUpdate(this.shared.doc, payload, this)
        break
      default:
        throw new ProtocolError(CloseCode.BadMessage, `unknown sync message ${syncType}`)
    }
  }

  private expectEnd(decoder: decoding.Decoder): void {
    if (decoding.hasContent(decoder)) throw new ProtocolError(CloseCode.BadMessage, 'trailing bytes')
  }
}
