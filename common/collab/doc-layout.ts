/**
 * Which Yjs documents a session has, how they are named, and the top-level types inside them.
 * No string literal naming a document or a top-level type appears anywhere else.
 * Spec: common/protocol/PROTOCOL.md, section "Documents and rights".
 *
 * Names:
 *   session/<sid>/control                     session control: settings, locks, groups
 *   session/<sid>/boards                      whiteboards of the main room
 *   session/<sid>/lab/<sceneId>               live lab state of a scene in the main room
 *   session/<sid>/responses                   learners' answers (written by the server only)
 *   session/<sid>/group/<gid>/boards          a breakout group's whiteboards
 *   session/<sid>/group/<gid>/lab/<sceneId>   a breakout group's lab state
 */
import type { SceneId, SessionId } from '../ids.ts'

/** The kinds of document a session has. */
export const DOC_KINDS = ['control', 'boards', 'lab', 'responses'] as const
export type DocKind = (typeof DOC_KINDS)[number]

/** Kinds a breakout group has its own copy of. */
export const GROUP_DOC_KINDS = ['boards', 'lab'] as const satisfies readonly DocKind[]

/** A parsed document name; `group` is set for a breakout group's copy, `scene` for lab documents. */
export type DocRef =
  | { sessionId: SessionId; kind: 'control' | 'responses' }
  | { sessionId: SessionId; kind: 'boards'; group?: string }
  | { sessionId: SessionId; kind: 'lab'; scene: SceneId; group?: string }

const SID = '[23456789a-hjkmnp-z]{10}'
const GID = '[a-z0-9-]{1,32}'
const SCENE = '[a-z0-9]+(?:[.-][a-z0-9]+)*'
const pattern = new RegExp(`^session/(${SID})/(?:group/(${GID})/)?(control|responses|boards|lab/(${SCENE}))$`)

/** The name of a document. */
export function docName(ref: DocRef): string {
  const base = `session/${ref.sessionId}`
  const group = 'group' in ref && ref.group ? `/group/${ref.group}` : ''
  switch (ref.kind) {
    case 'control':
    case 'responses':
      return `${base}/${ref.kind}`
    case 'boards':
      return `${base}${group}/boards`
    case 'lab':
      return `${base}${group}/lab/${ref.scene}`
  }
}

/** Splits a document name into its parts; `undefined` for anything that is not one. */
export function parseDocName(name: string): DocRef | undefined {
  if (name.length > 160) return undefined
  const m = pattern.exec(name)
  if (!m) return undefined
  const sessionId = m[1] as SessionId
  const group = m[2]
  const what = m[3]!
  if (what === 'control' || what === 'responses') return group ? undefined : { sessionId, kind: what }
  if (what === 'boards') return group ? { sessionId, kind: 'boards', group } : { sessionId, kind: 'boards' }
  const scene = m[4] as SceneId
  return group ? { sessionId, kind: 'lab', scene, group } : { sessionId, kind: 'lab', scene }
}

/** Top-level shared types of the control document. */
export const ControlDoc = {
  /** Y.Map: session-wide settings the teacher changes (scene, spotlight, follow-me). */
  settings: 'settings',
  /** Y.Map<boolean> keyed by LockTarget: while true, only moderators write that document. */
  locks: 'locks',
  /** Y.Map<Y.Map>: breakout groups by id, each with `members` (Y.Array of identities). */
  groups: 'groups',
  /** Y.Array<ChatMessage>: the session's chat, appended by the server (POST …/chat). */
  chat: 'chat',
  /** Y.Map<PollView>: polls by id, written by the server (…/polls API). */
  polls: 'polls',
  /** Y.Map<{name, role, since}>: people waiting to be admitted, by identity (server writes). */
  lobby: 'lobby',
  /** Y.Map<number>: when a moderator lowered each person's hand (ms since epoch), by identity. */
  handsLowered: 'handsLowered',
} as const

/** Top-level shared types of the responses document (moderators read; the server writes). */
export const ResponsesDoc = {
  /** Y.Map: live results per poll id: `{ answers, counts: {optionId: n}, texts: string[] }`. */
  polls: 'polls',
} as const

/** What the teacher can lock, by the document kind it guards. */
export const LOCK_TARGETS = ['boards', 'lab'] as const
export type LockTarget = (typeof LOCK_TARGETS)[number]
