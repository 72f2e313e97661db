/**
 * Owns the collab connection of one participant: one Y.Doc and y-websocket provider per document,
 * awareness on the control document. No React, no three: it reports through callbacks.
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
  onStatus(status: CollabStatus): void
  /** Everyone present, one entry per awareness client (a person with two tabs appears twice). */
  onPresence(states: Presence[]): void
}

export class CollabManager {
  readonly control = new Y.Doc()
  private readonly provider: WebsocketProvider

  constructor(
    join: JoinResponse,
    local: Omit<Presence, 'user'>,
    private readonly cb: CollabCallbacks,
  ) {
    const controlName = join.collab.docs.control
    if (!controlName) throw new Error('collab: the join response names no control document')
    this.provider = new WebsocketProvider(join.collab.url, controlName, this.control, {
      params: { token: join.collab.token, v: String(PROTOCOL_VERSION) },
      // Same-browser tabs must not sync around the server: it enforces every right.
      disableBc: true,
      shouldReconnect: (event) => !FATAL.has(event.code),
    })
    const awareness = this.provider.awareness
    awareness.setLocalState({ ...local, user: join.participant } satisfies Presence)
    awareness.on('change', this.emitPresence)
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') cb.onStatus({ kind: 'connected' })
    })
    this.provider.on('connection-close', (event) => {
      const code = event?.code ?? 1006
      const close: CloseInfo = { code, name: closeCodeName(code) }
      cb.onStatus(FATAL.has(code) ? { kind: 'failed', close } : { kind: 'reconnecting', close })
    })
    cb.onStatus({ kind: 'connecting' })
    this.emitPresence()
  }

  private readonly emitPresence = (): void => {
    const out: Presence[] = []
    for (const state of this.provider.awareness.getStates().values()) {
      const p = presenceSchema.safeParse(state)
      if (p.success) out.push(p.data)
    }
    this.cb.onPresence(out)
  }

  /** Updates this participant's own presence fields. */
  setPresence(patch: Partial<Omit<Presence, 'user'>>): void {
    const awareness = this.provider.awareness
    awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), ...patch })
  }

  destroy(): void {
    this.provider.awareness.off('change', this.emitPresence)
    this.provider.destroy()
    this.control.destroy()
  }
}
