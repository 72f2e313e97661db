/**
 * A participant's data packet as the others receive it. livekit-client 2.23 attributes a packet
 * by `DataPacket.participantIdentity` (copying it into the user packet itself, RTCEngine's
 * `applyUserDataCompat`), drops a reliable packet it has seen by `participantSid` + `sequence`,
 * and reports `kind` and `topic` with it. Everything else that names people (the deprecated
 * UserPacket sender fields, the destination lists, which only route) is not forwarded: a pose
 * sent fifteen times a second to every learner pays for each byte.
 */
import { DataPacket } from '@livekit/protocol'

export interface Sender {
  identity: string
  sid: string
}

export interface ForwardedData {
  bytes: Uint8Array
  /** Identities to send to; empty: everyone but the sender. */
  destinations: string[]
}

/** Stamps the sender (the server's word, not the client's) on a packet; `undefined` if it is not one. */
export function forwardedData(bytes: Uint8Array, from: Sender): ForwardedData | undefined {
  let packet: DataPacket
  try {
    packet = DataPacket.fromBinary(bytes)
  } catch {
    return undefined
  }
  let destinations = packet.destinationIdentities
  packet.destinationIdentities = []
  packet.participantIdentity = from.identity
  // Only the reliable channel numbers its packets; there the sid tells whose numbers they are.
  packet.participantSid = packet.sequence > 0 ? from.sid : ''
  if (packet.value.case === 'user') {
    const user = packet.value.value
    // Older clients name the destinations only inside the user packet.
    if (destinations.length === 0) destinations = user.destinationIdentities
    user.destinationIdentities = []
    user.destinationSids = []
    user.participantIdentity = ''
    user.participantSid = ''
  }
  return { bytes: packet.toBinary(), destinations }
}
