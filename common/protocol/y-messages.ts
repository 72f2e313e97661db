/**
 * Framing of the collab socket, byte-compatible with y-websocket 3 / y-protocols 1:
 * every WebSocket frame is one message `[messageType: varUint, ...body]`.
 * Spec: PROTOCOL.md, "Collab socket".
 */
export const MessageType = {
  /** y-protocols sync: `[0, syncType, varUint8Array]`. */
  Sync: 0,
  /** y-protocols awareness update: `[1, varUint8Array(awarenessUpdate)]`. */
  Awareness: 1,
  /** y-protocols auth: `[2, 0 (permission denied), varString(reason)]`, server → client only. */
  Auth: 2,
  /** Ask the server for every awareness state: `[3]`. */
  QueryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

export const SyncType = {
  /** `[0, 0, stateVector]`: what I have; answer with step 2. */
  Step1: 0,
  /** `[0, 1, update]`: everything you are missing. A write. */
  Step2: 1,
  /** `[0, 2, update]`: an incremental change. A write. */
  Update: 2,
} as const
export type SyncType = (typeof SyncType)[keyof typeof SyncType]

/** The update Yjs encodes when there is nothing to send: no structs, empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}
