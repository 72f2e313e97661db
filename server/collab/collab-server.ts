/**
 * The collab endpoint: a registry of live documents grouped by session, the sockets attached to
 * them, durability (SQLite before relay, compaction, idle unload) and limits. An instance, not
 * module state, so tests and future multi-instance setups can run several.
 */
import type { WebSocket } from 'ws'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import { docName, type DocRef } from '#common/collab/doc-layout.ts'
import type { SessionId } from '#common/ids.ts'
import type { Role } from '#common/roles.ts'
import { CloseCode } from '#common/protocol/close-codes.ts'
import type { DocStore } from '../store/doc-store.ts'
import { docAccess, type DocAccess } from '../rooms/doc-rights.ts'
import { SharedDoc } from './shared-doc.ts'
import { CollabConnection, type ConnectionContext } from './connection.ts'
import { Flusher, type FlusherOptions } from './flusher.ts'
import { SessionControl } from './session-control.ts'
import { presenceSchema, type Presence, type PresenceUser } from '#common/collab/presence.ts'
import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from './limits.ts'

interface LiveSession {
  control: SharedDoc
  state: SessionControl
  docs: Set<SharedDoc>
  connections: number
  /** Open control-document connections per identity: presence in the session. */
  people: Map<string, number>
  /** Pending "left" notifications, cancelled when the person is back within the grace period. */
  leaving: Map<string, { timer: NodeJS.Timeout; user: PresenceUser; at: number }>
}

/** What the collab server reports to the learning records. */
export interface CollabObserver {
  /** Someone's first connection to the session (control document) opened. */
  joined(sessionId: string, user: PresenceUser): void
  /** Their last connection closed `graceMs` ago and they did not come back; `at` is when it closed. */
  left(sessionId: string, user: PresenceUser, at: number): void
  /** Their presence (awareness on the control document) changed. */
  presence(sessionId: string, user: PresenceUser, state: Presence): void
  /** An update of theirs to a document was accepted. */
  updated(ref: DocRef, user: PresenceUser): void
}

/** A dropped link that comes back within this time does not end someone's attendance. */
export const LEAVE_GRACE_MS = 15_000

/** Origin of changes the server makes itself (e.g. answers recorded through the API). */
export const SERVER_ORIGIN = Symbol('server')

export class CollabServer {
  private readonly docs = new Map<string, SharedDoc>()
  private readonly sessions = new Map<string, LiveSession>()
  private readonly flusher: Flusher
  readonly limits: CollabLimits

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    limits: Partial<CollabLimits> = {},
    flusherOptions?: FlusherOptions,
    private readonly observer?: CollabObserver,
    private readonly leaveGraceMs = LEAVE_GRACE_MS,
  ) {
    this.limits = { ...DEFAULT_COLLAB_LIMITS, ...limits }
    this.flusher = new Flusher(
      store,
      log,
      (doc) => this.maybeCompact(doc),
      (docs) => this.onStoreFailure(docs),
      flusherOptions,
    )
  }

  /** Attaches an authenticated socket (the upgrade already checked token, document and right). */
  attach(ws: WebSocket, ref: DocRef, ctx: ConnectionContext): void {
    const session = this.liveSession(ref.sessionId)
    const shared = this.getDoc(ref)
    const access = this.accessOf(ctx, shared, session)
    if (access === 'none') return ws.close(CloseCode.Forbidden, 'no access to this document')
    if (session.connections >= this.limits.maxConnectionsPerSession) {
      return ws.close(CloseCode.TooManyConnections, 'this session is full')
    }
    if (shared.conns.size >= this.limits.maxConnectionsPerDoc) {
      return ws.close(CloseCode.TooManyConnections, 'this document is full')
    }
    clearTimeout(shared.unloadTimer)
    session.connections++
    const conn: CollabConnection = new CollabConnection(ws, shared, ctx, access, this.limits, this.log, {
      ownerOf: (clientId) => shared.ownerOf(clientId),
      onClose: (closed) => {
        session.connections--
        shared.removeConnection(closed)
        if (ref.kind === 'control') this.personClosed(ref.sessionId, session, ctx.user)
        if (shared.conns.size === 0) this.scheduleUnload(shared)
      },
      onAwareness: (c) => {
        if (ref.kind !== 'control' || !this.observer) return
        for (const id of c.clientIds) {
          const p = presenceSchema.safeParse(shared.awareness.getStates().get(id))
          if (p.success) this.observer.presence(ref.sessionId, ctx.user, p.data)
        }
      },
      onUpdate: () => this.observer?.updated(ref, ctx.user),
      handLoweredAt: ref.kind === 'control' ? (identity) => session.state.handLoweredAt(identity) : undefined,
    })
    shared.conns.add(conn)
    if (ref.kind === 'control') this.personOpened(ref.sessionId, session, ctx.user)
  }

  private personOpened(sessionId: string, session: LiveSession, user: PresenceUser): void {
    const n = session.people.get(user.identity) ?? 0
    session.people.set(user.identity, n + 1)
    const pending = session.leaving.get(user.identity)
    if (pending) {
      clearTimeout(pending.timer)
      session.leaving.delete(user.identity)
      return
    }
    if (n === 0) this.observer?.joined(sessionId, user)
  }

  private personClosed(sessionId: string, session: LiveSession, user: PresenceUser): void {
    const n = (session.people.get(user.identity) ?? 1) - 1
    if (n > 0) return void session.people.set(user.identity, n)
    session.people.delete(user.identity)
    const at = Date.now()
    const timer = setTimeout(() => {
      session.leaving.delete(user.identity)
      this.observer?.left(sessionId, user, at)
    }, this.leaveGraceMs)
    timer.unref()
    session.leaving.set(user.identity, { timer, user, at })
  }

  /** The right `ctx` has on a document right now (role, locks, groups). */
  accessFor(ctx: ConnectionContext, ref: DocRef): DocAccess {
    return this.rightOn(ctx.user, ref)
  }

  /** The right a person (by role and identity) has on a document right now. */
  rightOn(who: { role: Role; identity: string }, ref: DocRef): DocAccess {
    return docAccess({ role: who.role, identity: who.identity }, ref, this.liveSession(ref.sessionId).state)
  }

  private accessOf(ctx: ConnectionContext, shared: SharedDoc, session: LiveSession): DocAccess {
    return docAccess({ role: ctx.user.role, identity: ctx.user.identity }, shared.ref, session.state)
  }

  private liveSession(sessionId: SessionId): LiveSession {
    let session = this.sessions.get(sessionId)
    if (!session) {
      const ref: DocRef = { sessionId, kind: 'control' }
      const control = this.loadDoc(ref)
      const live: LiveSession = {
        control,
        state: new SessionControl(control.doc, () => this.recheckAccess(live)),
        docs: new Set([control]),
        connections: 0,
        people: new Map(),
        leaving: new Map(),
      }
      session = live
      this.sessions.set(sessionId, session)
    }
    return session
  }

  private getDoc(ref: DocRef): SharedDoc {
    const name = docName(ref)
    const existing = this.docs.get(name)
    if (existing) return existing
    const shared = this.loadDoc(ref)
    this.liveSession(ref.sessionId).docs.add(shared)
    return shared
  }

  private loadDoc(ref: DocRef): SharedDoc {
    const name = docName(ref)
    const shared = new SharedDoc(name, ref, this.store.load(name), this.flusher)
    this.docs.set(name, shared)
    this.maybeCompact(shared)
    return shared
  }

  /** Locks or groups changed: lower or raise every open connection's right; close lost ones. */
  private recheckAccess(session: LiveSession): void {
    for (const shared of session.docs) {
      for (const conn of [...shared.conns]) {
        const access = this.accessOf(conn.ctx, shared, session)
        if (access === 'none') conn.close(CloseCode.Forbidden, 'your access to this document ended')
        else conn.access = access
      }
    }
  }

  private maybeCompact(shared: SharedDoc): void {
    if (shared.tailUpdates < this.limits.compactAfterUpdates && shared.tailBytes < this.limits.compactAfterBytes) return
    if (shared.hasPendingUpdates()) return
    this.compact(shared)
  }

  private compact(shared: SharedDoc): void {
    // With nothing pending, the live document is exactly the stored log: fold it into a snapshot.
    const seq = this.store.lastSeqOf(shared.name)
    this.store.compact(shared.name, Y.encodeStateAsUpdate(shared.doc), seq)
    shared.tailUpdates = 0
    shared.tailBytes = 0
  }

  private scheduleUnload(shared: SharedDoc): void {
    clearTimeout(shared.unloadTimer)
    shared.unloadTimer = setTimeout(() => this.unloadIfIdle(shared), this.limits.idleUnloadMs)
    shared.unloadTimer.unref()
  }

  private unloadIfIdle(shared: SharedDoc): void {
    if (shared.conns.size > 0 || this.docs.get(shared.name) !== shared) return
    const session = this.sessions.get(shared.ref.sessionId)
    const isControl = shared.ref.kind === 'control'
    // A control document stays while any other document of its session is loaded (rights need it).
    if (isControl && session && session.docs.size > 1) return
    shared.applyIncoming()
    this.flusher.flushNow()
    if (shared.tailUpdates > 0) this.compact(shared)
    this.docs.delete(shared.name)
    shared.destroy()
    if (!session) return
    session.docs.delete(shared)
    if (isControl) {
      if (session.leaving.size > 0) return this.scheduleUnload(shared)
      session.state.dispose()
      this.sessions.delete(shared.ref.sessionId)
    } else if (session.docs.size === 1 && session.control.conns.size === 0) {
      this.scheduleUnload(session.control)
    }
  }

  private onStoreFailure(docs: SharedDoc[]): void {
    // Their in-memory state holds changes that are not stored: drop it. Clients keep their
    // copies and send them again when they reconnect.
    for (const shared of docs) {
      for (const conn of [...shared.conns]) conn.close(CloseCode.GoingAway, 'storage failed; reconnect')
      this.docs.delete(shared.name)
      this.sessions.get(shared.ref.sessionId)?.docs.delete(shared)
      shared.destroy()
    }
  }

  /**
   * Changes a document on the server's own behalf (for example an answer recorded through the
   * API). Resolves once the change is committed and relayed.
   */
  write(ref: DocRef, change: (doc: Y.Doc) => void): Promise<void> {
    const shared = this.getDoc(ref)
    shared.doc.transact(() => change(shared.doc), SERVER_ORIGIN)
    if (shared.conns.size === 0) this.scheduleUnload(shared)
    return new Promise((resolve) => shared.whenCommitted(resolve))
  }

  /** The server's copy of a document (loaded from storage when needed), to read, never to change. */
  read(ref: DocRef): Y.Doc {
    const shared = this.getDoc(ref)
    if (shared.conns.size === 0) this.scheduleUnload(shared)
    return shared.doc
  }

  /** Closes every connection to a session's documents (for example when it ends). */
  closeSession(sessionId: string, code: CloseCode, reason: string): void {
    const session = this.sessions.get(sessionId)
    if (!session) return
    for (const shared of session.docs) for (const conn of [...shared.conns]) conn.close(code, reason)
  }

  /** Closes every connection of one person in a session (for example when removed). */
  disconnect(sessionId: string, identity: string, code: CloseCode, reason: string): void {
    const session = this.sessions.get(sessionId)
    if (!session) return
    for (const shared of session.docs) {
      for (const conn of [...shared.conns]) if (conn.user.identity === identity) conn.close(code, reason)
    }
  }

  /** How many distinct people are present in a session (by awareness on its control document). */
  presenceCount(sessionId: SessionId): number {
    return this.docs.get(docName({ sessionId, kind: 'control' }))?.presentIdentities().size ?? 0
  }

  /** The open connections of a document (for tests and diagnostics). */
  connectionsOf(name: string): ReadonlySet<CollabConnection> {
    return this.docs.get(name)?.conns ?? new Set()
  }

  /** Names of the documents in memory (for tests and diagnostics). */
  loadedDocs(): string[] {
    return [...this.docs.keys()]
  }

  /** Commits what is pending, closes every socket (1001: clients reconnect) and frees memory. */
  close(): void {
    for (const shared of this.docs.values()) shared.applyIncoming()
    this.flusher.flushNow()
    for (const [sessionId, session] of this.sessions) {
      // Whoever was on their way out left when their link dropped, not at shutdown.
      for (const { timer, user, at } of session.leaving.values()) {
        clearTimeout(timer)
        this.observer?.left(sessionId, user, at)
      }
      session.leaving.clear()
    }
    for (const shared of this.docs.values()) {
      for (const conn of [...shared.conns]) conn.close(CloseCode.GoingAway, 'server shutting down')
      if (shared.tailUpdates > 0) this.compact(shared)
      shared.destroy()
    }
    for (const s of this.sessions.values()) s.state.dispose()
    this.docs.clear()
    this.sessions.clear()
  }
}
