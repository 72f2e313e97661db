/**
 * Checks an incoming Yjs update before it touches the live document. Y.applyUpdate integrates the
 * structs before it reads the delete set, so a corrupt tail would leave half an update applied;
 * decoding the whole update first rejects it while the document is still untouched.
 */
import * as Y from 'yjs'

export type UpdateCheck = { ok: true } | { ok: false; reason: string }

export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateCheck {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs']
  try {
    structs = Y.decodeUpdate(update).structs
  } catch {
    return { ok: false, reason: 'the update is not valid Yjs' }
  }
  // An update that starts past what the server has for a client could never integrate: it would
  // sit in memory as pending structs forever. A correct client never sends one.
  const from = new Map<number, number>()
  for (const s of structs) {
    const { client, clock } = s.id
    const known = from.get(client)
    if (known === undefined || clock < known) from.set(client, clock)
  }
  for (const [client, clock] of from) {
    if (clock > Y.getState(doc.store, client))
      return { ok: false, reason: 'the update depends on changes the server lacks' }
  }
  return { ok: true }
}
