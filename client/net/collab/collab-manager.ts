/**
 * Owns the collab connections of one participant: one Y.Doc and y-websocket provider per open
 * document (control always; boards, lab… on demand), awareness on the control document.
 * Handles the close codes of PROTOCOL.md: 4401 → new tokens from the API, then reconnect;
 * 4403 on a shared document → drop the refused local changes and start from the server's copy.
 * No React, no three: it reports through callbacks.
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { withoutAwarenessEcho } from './without-awareness-echo.ts'
import type { Awareness } from 'y-protocols/awareness'
import { PROTOCOL_VERSION } from '#common/protocol/version.ts'
import { CloseCode, closeCodeName, type CloseCodeName } from '#common/protocol/close-codes.ts'
import { presenceSchema, type Presence } from '#common/collab/presence.ts'
import type { JoinResponse } from '#common/api/join.ts'

export type CollabStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; close?: CloseInfo }
  | { kind: 'failed'; close: CloseInfo }

export interface CloseInfo {
  code: number
  name: CloseCodeName | undefined
}

/** Close codes after which reconnecting with the same state cannot help. */
const FATAL = new Set<number>([
  CloseCode.BadMessage,
  CloseCode.NotFound,
  CloseCode.ClientTooOld,
  CloseCode.TooManyConnections,
])

export interface CollabCallbacks {
  /** Status of the control document's connection, which stands for the whole session. */
  onStatus(status: CollabStatus): void
  /** Everyone present, one entry per awareness client (a person with two tabs appears twice). */
  onPresence(states: Presence[]): void
  /** Fresh credentials when the old ones expired (the API's refresh). */
  refresh(): Promise<JoinResponse>
  /** A write of ours was refused (4403): the document was reset to the server's copy. */
  onRefused?(kind: string): void
}

interface OpenDoc {
  doc: Y.Doc
  provider: WebsocketProvider
  watchers: Set<(doc: Y.Doc) => void>
}

export class CollabManager {
  private readonly docs = new Map<string, OpenDoc>()
  /** Documents a kind points at instead of the join response's (a breakout group, a new scene). */
  private readonly targets = new Map<string, string>()
  private refreshing: Promise<void> | undefined
  private destroyed = false

  constructor(
    private join: JoinResponse,
    private readonly local: Omit<Presence, 'user'>,
    private readonly cb: CollabCallbacks,
  ) {
    this.connect('control')
    cb.onStatus({ kind: 'connecting' })
  }

  private get controlProvider(): WebsocketProvider {
    return this.docs.get('control')!.provider
  }

  /** The control document (settings, locks, groups). */
  get control(): Y.Doc {
    return this.docs.get('control')!.doc
  }

  /**
   * Opens (once) the document the join response names under `kind` ('boards', 'lab', …) and
   * returns its current Y.Doc, or `undefined` when this participant may not open it. The Y.Doc is
   * replaced after a refused write; use `watch` to follow replacements.
   */
  open(kind: string): Y.Doc | undefined {
    if (!this.nameOf(kind)) return undefined
    return (this.docs.get(kind) ?? this.connect(kind)).doc
  }

  /** Calls `fn` with the document now and whenever it is replaced; returns an unsubscribe. */
  watch(kind: string, fn: (doc: Y.Doc) => void): () => void {
    const doc = this.open(kind)
    const entry = this.docs.get(kind)
    if (!doc || !entry) return () => {}
    entry.watchers.add(fn)
    fn(doc)
    return () => entry.watchers.delete(fn)
  }

  /** The awareness of an open document (boards keep cursors there); replaced with the document. */
  awareness(kind: string): Awareness | undefined {
    return this.docs.get(kind)?.provider.awareness
  }

  private nameOf(kind: string): string | undefined {
    return this.targets.get(kind) ?? this.join.collab.docs[kind]
  }

  /** The document name `kind` stands for now. */
  currentName(kind: string): string | undefined {
    return this.nameOf(kind)
  }

  /**
   * Points `kind` at another document (a breakout group's boards, the lab of a new scene), or back
   * at the join response's with `undefined`. An open document is swapped: its watchers get the new
   * Y.Doc, as after a refused write.
   */
  retarget(kind: string, name: string | undefined): void {
    if (kind === 'control') throw new Error('collab: the control document cannot be retargeted')
    const before = this.nameOf(kind)
    if (name === undefined) this.targets.delete(kind)
    else this.targets.set(kind, name)
    const entry = this.docs.get(kind)
    if (!entry || this.nameOf(kind) === before) return
    entry.provider.destroy()
    entry.doc.destroy()
    this.docs.delete(kind)
    if (!this.nameOf(kind)) {
      for (const fn of entry.watchers) fn(new Y.Doc())
      return
    }
    const fresh = this.connect(kind, entry.watchers)
    for (const fn of entry.watchers) fn(fresh.doc)
  }

  private connect(kind: string, watchers = new Set<(doc: Y.Doc) => void>()): OpenDoc {
    const name = this.nameOf(kind)
    if (!name) throw new Error(`collab: the join response names no ${kind} document`)
    const doc = new Y.Doc()
    const provider = withoutAwarenessEcho(
      new WebsocketProvider(this.join.collab.url, name, doc, {
        params: { token: this.join.collab.token, v: String(PROTOCOL_VERSION) },
        // Same-browser tabs must not sync around the server: it enforces every right.
        disableBc: true,
        shouldReconnect: (event) =>
          !FATAL.has(event.code) && event.code !== CloseCode.Unauthenticated && event.code !== CloseCode.Forbidden,
      }),
    )
    const entry: OpenDoc = { doc, provider, watchers }
    this.docs.set(kind, entry)
    if (kind === 'control') {
      provider.awareness.setLocalState({ ...this.local, user: this.join.participant } satisfies Presence)
      provider.awareness.on('change', this.emitPresence)
      this.emitPresence()
    }
    provider.on('status', ({ status }) => {
      if (status === 'connected' && kind === 'control') this.cb.onStatus({ kind: 'connected' })
    })
    provider.on('connection-close', (event) => this.onClose(kind, entry, event?.code ?? 1006))
    return entry
  }

  private onClose(kind: string, entry: OpenDoc, code: number): void {
    if (this.destroyed || this.docs.get(kind) !== entry) return
    const close: CloseInfo = { code, name: closeCodeName(code) }
    if (kind === 'control') {
      this.cb.onStatus(FATAL.has(code) ? { kind: 'failed', close } : { kind: 'reconnecting', close })
    }
    if (code === CloseCode.Unauthenticated) void this.refreshAndReconnect()
    else if (code === CloseCode.Forbidden) this.resetAfterRefusal(kind, entry)
  }

  private refreshAndReconnect(): Promise<void> {
    this.refreshing ??= this.cb
      .refresh()
      .then((fresh) => {
        this.join = fresh
        for (const { provider } of this.docs.values()) {
          provider.params.token = fresh.collab.token
          if (!provider.wsconnected && !provider.wsconnecting) provider.connect()
        }
      })
      .catch(() => {
        this.cb.onStatus({ kind: 'failed', close: { code: CloseCode.Unauthenticated, name: 'Unauthenticated' } })
      })
      .finally(() => {
        this.refreshing = undefined
      })
    return this.refreshing
  }

  /** Our local copy holds a change the server refused: start over from the server's copy. */
  private resetAfterRefusal(kind: string, entry: OpenDoc): void {
    if (kind === 'control') {
      // The control document is read-only for non-moderators; nothing local is worth keeping.
      entry.provider.awareness.off('change', this.emitPresence)
    }
    entry.provider.destroy()
    entry.doc.destroy()
    const fresh = this.connect(kind, entry.watchers)
    for (const fn of entry.watchers) fn(fresh.doc)
    this.cb.onRefused?.(kind)
  }

  private readonly emitPresence = (): void => {
    const out: Presence[] = []
    for (const state of this.controlProvider.awareness.getStates().values()) {
      const p = presenceSchema.safeParse(state)
      if (p.success) out.push(p.data)
    }
    this.cb.onPresence(out)
  }

  /** Updates this participant's own presence fields. */
  setPresence(patch: Partial<Omit<Presence, 'user'>>): void {
    const awareness = this.controlProvider.awareness
    awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), ...patch })
  }

  destroy(): void {
    this.destroyed = true
    this.controlProvider.awareness.off('change', this.emitPresence)
    for (const { doc, provider } of this.docs.values()) {
      provider.destroy()
      doc.destroy()
    }
    this.docs.clear()
  }
}
