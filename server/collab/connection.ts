/**
 * One collab socket: bounds every message (size, rate), reads y-websocket messages, checks the
 * connection's current right before every write, stamps its awareness, answers sync requests,
 * and closes at token expiry. Every failure closes this socket only, with a code from
 * PROTOCOL.md.
 */
import type { WebSocket } from 'ws'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import { CloseCode } from '#common/protocol/close-codes.ts'
import { MessageType, SyncType, isEmptyUpdate } from '#common/protocol/y-messages.ts'
import type { PresenceUser } from '#common/collab/presence.ts'
import type { DocAccess } from '../rooms/doc-rights.ts'
import type { SharedDoc } from './shared-doc.ts'
import { guardAwarenessUpdate, type AwarenessOwner } from './awareness-guard.ts'
import { checkUpdate } from './update-check.ts'
import { encodePermissionDenied, encodeSync } from './messages.ts'
import { TokenBucket } from './token-bucket.ts'
import type { CollabLimits } from './limits.ts'

export interface ConnectionContext {
  user: PresenceUser
  sessionId: string
  /** Token expiry, seconds since the epoch: the socket closes with 4401 then. */
  expiresAt: number
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
// setTimeout holds at most 2^31-1 ms (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1

export interface ConnectionHooks {
  /** The awareness owner of a client id in this document, if any. */
  ownerOf(clientId: number): AwarenessOwner | undefined
  onClose(conn: CollabConnection): void
  /** An awareness update from this connection was applied. */
  onAwareness?(conn: CollabConnection): void
  /** A document update from this connection was applied. */
  onUpdate?(conn: CollabConnection): void
  /** When a moderator last lowered this person's hand (control document only). */
  handLoweredAt?(identity: string): number | undefined
}

export class CollabConnection implements AwarenessOwner {
  readonly clientIds = new Set<number>()
  readonly user: PresenceUser
  /** Current right on the document; the server updates it when locks or groups change. */
  access: Exclude<DocAccess, 'none'>
  private alive = true
  private closed = false
  private readonly pinger: NodeJS.Timeout
  private readonly expiry: NodeJS.Timeout
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket

  constructor(
    private readonly ws: WebSocket,
    readonly shared: SharedDoc,
    readonly ctx: ConnectionContext,
    access: Exclude<DocAccess, 'none'>,
    private readonly limits: CollabLimits,
    private readonly log: Logger,
    private readonly hooks: ConnectionHooks,
  ) {
    this.user = ctx.user
    this.access = access
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst)
    ws.binaryType = 'nodebuffer'
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary))
    ws.on('close', () => this.dispose())
    ws.on('error', (err) => this.log.debug({ err: err.message }, 'collab socket error'))
    ws.on('pong', () => {
      this.alive = true
    })
    this.pinger = setInterval(() => {
      if (!this.alive) return this.close(CloseCode.Timeout, 'no answer to ping')
      this.alive = false
      ws.ping()
    }, PING_INTERVAL_MS)
    this.pinger.unref()
    const untilExpiry = Math.min(MAX_TIMER_MS, Math.max(0, ctx.expiresAt * 1000 - Date.now()))
    this.expiry = setTimeout(() => this.close(CloseCode.Unauthenticated, 'token expired'), untilExpiry)
    this.expiry.unref()
    this.send(encodeSync(SyncType.Step1, Y.encodeStateVector(shared.doc)))
    if (shared.awareness.getStates().size > 0) this.send(shared.encodeAllAwareness())
  }

  get isOpen(): boolean {
    return !this.closed
  }

  /** Sends a direct reply (sync answers, awareness on request). */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(message)
  }

  /**
   * Sends a broadcast. While the client is behind (more than the send budget unread) broadcasts
   * are skipped instead of queued; once it drains it gets one catch-up diff from the state vector
   * it had when it fell behind, and current awareness.
   */
  sendBroadcast(message: Uint8Array): void {
    if (this.behind || this.closed) return
    this.send(message)
    if (this.ws.bufferedAmount > this.limits.sendBufferBytes) this.fallBehind()
  }

  private behind: { since: number; stateVector: Uint8Array; timer: NodeJS.Timeout } | undefined

  private fallBehind(): void {
    const timer = setInterval(() => this.checkCaughtUp(), 100)
    timer.unref()
    this.behind = { since: Date.now(), stateVector: Y.encodeStateVector(this.shared.doc), timer }
  }

  private checkCaughtUp(): void {
    const behind = this.behind
    if (!behind || this.closed) return
    if (this.ws.bufferedAmount > this.limits.sendBufferBytes / 2) {
      if (Date.now() - behind.since > this.limits.stallTimeoutMs) {
        this.log.warn({ doc: this.shared.name, identity: this.user.identity }, 'collab client stopped reading; closed')
        this.close(CloseCode.Overloaded, 'too slow', true)
      }
      return
    }
    clearInterval(behind.timer)
    // Catch up with committed state only (never anything a crash could still lose).
    this.shared.whenCommitted(() => {
      if (this.closed || this.behind !== behind) return
      this.behind = undefined
      this.send(encodeSync(SyncType.Update, Y.encodeStateAsUpdate(this.shared.doc, behind.stateVector)))
      this.send(this.shared.encodeAllAwareness())
    })
  }

  /** Whether broadcasts are being held back for this client (it reads slower than we send). */
  get isBehind(): boolean {
    return this.behind !== undefined
  }

  /** An update of this client that passed the checks failed to apply: close as malformed. */
  rejectUpdate(err: unknown): void {
    this.closeForError(new ProtocolError(CloseCode.BadMessage, 'malformed update'), err)
  }

  /** Every close caused by what the client sent: one log line, then the close code. */
  private closeForError(e: ProtocolError, cause: unknown): void {
    this.log.warn(
      { doc: this.shared.name, identity: this.user.identity, code: e.closeCode, err: (cause as Error).message },
      'collab connection closed',
    )
    if (e.closeCode === CloseCode.Forbidden) this.send(encodePermissionDenied(e.message))
    this.close(e.closeCode, e.message)
  }

  close(code: CloseCode, reason: string, terminate = false): void {
    if (this.closed) return
    this.ws.close(code, reason)
    if (terminate) this.ws.terminate()
    this.dispose()
  }

  private dispose(): void {
    if (this.closed) return
    this.closed = true
    if (this.behind) clearInterval(this.behind.timer)
    clearInterval(this.pinger)
    clearTimeout(this.expiry)
    this.hooks.onClose(this)
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return
    try {
      if (data.byteLength > this.limits.maxMessageBytes) {
        throw new ProtocolError(CloseCode.TooLarge, `messages are limited to ${this.limits.maxMessageBytes} bytes`)
      }
      if (!this.messages.take() || !this.bytes.take(data.byteLength)) {
        throw new ProtocolError(CloseCode.RateLimited, 'too many messages')
      }
      if (!isBinary) throw new ProtocolError(CloseCode.BadMessage, 'text frames are not part of the protocol')
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    } catch (err) {
      this.closeForError(
        err instanceof ProtocolError ? err : new ProtocolError(CloseCode.BadMessage, 'malformed message'),
        err,
      )
    }
  }

  private handle(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.Sync:
        return this.handleSync(decoder)
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(decoder)
        expectEnd(decoder)
        const guarded = guardAwarenessUpdate(update, this, this.hooks.ownerOf, this.hooks.handLoweredAt)
        if (guarded) {
          awarenessProtocol.applyAwarenessUpdate(this.shared.awareness, guarded, this)
          this.hooks.onAwareness?.(this)
        }
        return
      }
      case MessageType.QueryAwareness:
        expectEnd(decoder)
        return this.send(this.shared.encodeAllAwareness())
      default:
        throw new ProtocolError(CloseCode.BadMessage, `unknown message type ${type}`)
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    expectEnd(decoder)
    switch (syncType) {
      case SyncType.Step1: {
        // Decoding first turns a malformed state vector into a 4400 here, not a throw later.
        Y.decodeStateVector(payload)
        // Answer only with committed state, so nobody sees what a crash could still lose.
        this.shared.whenCommitted(() => {
          if (this.closed) return
          try {
            this.send(encodeSync(SyncType.Step2, Y.encodeStateAsUpdate(this.shared.doc, payload)))
          } catch {
            this.close(CloseCode.BadMessage, 'malformed state vector')
          }
        })
        return
      }
      case SyncType.Step2:
      case SyncType.Update: {
        if (this.access !== 'write') {
          // A read-only client answering our step 1 with nothing is the normal handshake.
          if (isEmptyUpdate(payload)) return
          throw new ProtocolError(CloseCode.Forbidden, 'this document is read-only for you')
        }
        const check = checkUpdate(payload, (client) => this.shared.knownClock(client))
        if (!check.ok) throw new ProtocolError(CloseCode.BadMessage, check.reason)
        this.shared.accept(payload, check.ends, this)
        if (!isEmptyUpdate(payload)) this.hooks.onUpdate?.(this)
        return
      }
      default:
        throw new ProtocolError(CloseCode.BadMessage, `unknown sync message ${syncType}`)
    }
  }
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new ProtocolError(CloseCode.BadMessage, 'trailing bytes')
}
