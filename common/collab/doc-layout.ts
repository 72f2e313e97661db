/**
 * Which Yjs documents a session has, how they are named, and the top-level types inside them.
 * No string literal naming a document or a top-level type appears anywhere else.
 * Spec: common/protocol/PROTOCOL.md, section "Documents".
 */
import type { SessionId } from '../ids.ts'

/** The kinds of document a session has. */
export const DOC_KINDS = ['control'] as const
export type DocKind = (typeof DOC_KINDS)[number]

/** The name of a session's document of the given kind, e.g. `session/k3j4h5g6f7/control`. */
export function docName(sessionId: SessionId, kind: DocKind): string {
  return `session/${sessionId}/${kind}`
}

export interface ParsedDocName {
  sessionId: string
  kind: DocKind
}

const docNamePattern = /^session\/([23456789a-hjkmnp-z]{10})\/([a-z]+)$/

/** Splits a document name into session and kind; `undefined` for anything that is not one. */
export function parseDocName(name: string): ParsedDocName | undefined {
  const m = docNamePattern.exec(name)
  if (!m) return undefined
  const kind = m[2] as DocKind
  if (!DOC_KINDS.includes(kind)) return undefined
  return { sessionId: m[1]!, kind }
}

/** Top-level shared types of the control document. */
export const ControlDoc = {
  /** Y.Map: session-wide settings the teacher changes (scene, locks, spotlight, follow-me). */
  settings: 'settings',
} as const
