/**
 * Owns the collab connections of one participant: one Y.Doc and y-websocket provider per open
 * document (control always; boards, lab… on demand), awareness on the control document.
 * No React, no three: it reports through callbacks.
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
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

/** Close codes after which reconnecting cannot help. */
const FATAL = new Set<number>([
  CloseCode.BadMessage,
  CloseCode.Forbidden,
  CloseCode.NotFound,
  CloseCode.ClientTooOld,
  CloseCode.TooManyConnections,
])

export interface CollabCallbacks {
  /** Status of the control document's connection, which stands for the whole session. */
  onStatus(status: CollabStatus): void
  /** Everyone present, one entry per awareness client (a person with two tabs appears twice). */
  onPresence(states: Presence[]): void
  /** A document other than control closed for good (e.g. a write was refused). */
  onDocFailed?(kind: string, close: CloseInfo): void
}

interface OpenDoc {
  doc: Y.Doc
  provider: WebsocketProvider
}

export class CollabManager {
  private readonly docs = new Map<string, OpenDoc>()
  private readonly controlProvider: WebsocketProvider

  constructor(
    private readonly join: JoinResponse,
    local: Omit<Presence, 'user'>,
    private readonly cb: CollabCallbacks,
  ) {
    this.controlProvider = this.connect('control').provider
    const awareness = this.controlProvider.awareness
    awareness.setLocalState({ ...local, user: join.participant } satisfies Presence)
    awareness.on('change', this.emitPresence)
    cb.onStatus({ kind: 'connecting' })
    this.emitPresence()
  }

  /** The control document (settings, locks, groups). */
  get control(): Y.Doc {
    return this.docs.get('control')!.doc
  }

  /**
   * Opens (once) the document the join response names under `kind` ('boards', 'lab', …) and
   * returns its Y.Doc, or `undefined` when this participant may not open it.
   */
  open(kind: string): Y.Doc | undefined {
    if (!this.join.collab.docs[kind]) return undefined
    return (this.docs.get(kind) ?? this.connect(kind)).doc
  }

  private connect(kind: string): OpenDoc {
    const name = this.join.collab.docs[kind]
    if (!name) throw new Error(`collab: the join response names no ${kind} document`)
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(this.join.collab.url, name, doc, {
      params: { token: this.join.collab.token, v: String(PROTOCOL_VERSION) },
      // Same-browser tabs must not sync around the server: it enforces every right.
      disableBc: true,
      shouldReconnect: (event) => !FATAL.has(event.code),
    })
    provider.on('status', ({ status }) => {
      if (status === 'connected' && kind === 'control') this.cb.onStatus({ kind: 'connected' })
    })
    provider.on('connection-close', (event) => {
      const code = event?.code ?? 1006
      const close: CloseInfo = { code, name: closeCodeName(code) }
      if (kind === 'control') {
        this.cb.onStatus(FATAL.has(code) ? { kind: 'failed', close } : { kind: 'reconnecting', close })
      } else if (FATAL.has(code)) {
        this.cb.onDocFailed?.(kind, close)
      }
    })
    const open = { doc, provider }
    this.docs.set(kind, open)
    return open
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
    this.controlProvider.awareness.off('change', this.emitPresence)
    for (const { doc, provider } of this.docs.values()) {
      provider.destroy()
      doc.destroy()
    }
    this.docs.clear()
  }
}
