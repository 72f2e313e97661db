/** Encoders for the server's outgoing collab messages (PROTOCOL.md, "Collab socket"). */
import * as encoding from 'lib0/encoding'
import type { SyncType } from '#common/protocol/y-messages.ts'
import { MessageType } from '#common/protocol/y-messages.ts'

export function encodeSync(type: (typeof SyncType)[keyof typeof SyncType], payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Sync)
  encoding.writeVarUint(e, type)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Awareness)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** `[2, 0, reason]`: y-protocols' permission-denied message, sent before a 4403 close. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Auth)
  encoding.writeVarUint(e, 0)
  encoding.writeVarString(e, reason)
  return encoding.toUint8Array(e)
}
