/**
 * Rewrites an incoming awareness update before it is applied: the `user` field of every state is
 * replaced with the identity from the connection's token, and a connection may only speak for the
 * awareness client ids it claimed first, so nobody can impersonate or erase someone else.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { PresenceUser } from '#common/collab/presence.ts'

/** Claims a connection may hold: one per tab is normal, a few cover reloads within the same socket. */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4

export interface AwarenessOwner {
  /** Client ids this connection speaks for. */
  readonly clientIds: Set<number>
  readonly user: PresenceUser
}

export type OwnerLookup = (clientId: number) => AwarenessOwner | undefined

/**
 * Returns the rewritten update, or `undefined` when nothing in it is allowed.
 * Throws on malformed bytes (the caller closes the connection with 4400).
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  conn: AwarenessOwner,
  ownerOf: OwnerLookup,
  /** When a moderator last lowered this person's hand: an older raised hand is dropped. */
  handLoweredAt: (identity: string) => number | undefined = () => undefined,
): Uint8Array | undefined {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  const entries: { clientId: number; clock: number; state: string }[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const raw = decoding.readVarString(decoder)
    const owner = ownerOf(clientId)
    // y-websocket clients echo every awareness change they receive: drop those before parsing.
    if (owner && owner !== conn) continue
    const state: unknown = JSON.parse(raw)
    if (!owner) {
      if (state === null) continue
      if (conn.clientIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) continue
      conn.clientIds.add(clientId)
    }
    if (state === null) {
      entries.push({ clientId, clock, state: 'null' })
    } else if (typeof state === 'object' && !Array.isArray(state)) {
      const next: Record<string, unknown> = { ...state, user: conn.user }
      const lowered = handLoweredAt(conn.user.identity)
      const raised = next.handRaisedAt
      if (lowered !== undefined && typeof raised === 'number' && raised <= lowered) delete next.handRaisedAt
      entries.push({ clientId, clock, state: JSON.stringify(next) })
    } else {
      throw new Error('awareness state must be an object or null')
    }
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update')
  if (entries.length === 0) return undefined
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.state)
  }
  return encoding.toUint8Array(encoder)
}
