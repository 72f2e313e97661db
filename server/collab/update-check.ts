/**
 * Checks an incoming Yjs update before it touches the live document. Y.applyUpdate integrates the
 * structs before it reads the delete set, so a corrupt tail would leave half an update applied;
 * decoding the whole update first rejects it while the document is still untouched.
 */
import * as Y from 'yjs'

/** `ends`: per client, the clock just past this update's structs (what the document will know). */
export type UpdateCheck = { ok: true; ends: Map<number, number> } | { ok: false; reason: string }

/**
 * `knownClock(client)`: the clock the document has (or will have, once updates already accepted
 * are applied) for a client.
 */
export function checkUpdate(update: Uint8Array, knownClock: (client: number) => number): UpdateCheck {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs']
  try {
    structs = Y.decodeUpdate(update).structs
  } catch {
    return { ok: false, reason: 'the update is not valid Yjs' }
  }
  const from = new Map<number, number>()
  const ends = new Map<number, number>()
  for (const s of structs) {
    const { client, clock } = s.id
    const known = from.get(client)
    if (known === undefined || clock < known) from.set(client, clock)
    ends.set(client, Math.max(ends.get(client) ?? 0, clock + s.length))
  }
  // An update that starts past what the server has for a client could never integrate: it would
  // sit in memory as pending structs forever. A correct client never sends one.
  for (const [client, clock] of from) {
    if (clock > knownClock(client)) return { ok: false, reason: 'the update depends on changes the server lacks' }
  }
  return { ok: true, ends }
}
