/**
 * LiveKit's signalling frames: binary protobuf `SignalRequest` up and `SignalResponse` down
 * (@livekit/protocol, the version livekit-client uses), and the join request that v1 clients pack
 * into the URL (`join_request`: base64url of a WrappedJoinRequest, optionally gzipped).
 */
import { gunzipSync } from 'node:zlib'
import {
  JoinRequest,
  JoinResponse,
  ParticipantUpdate,
  SignalRequest,
  SignalResponse,
  WrappedJoinRequest,
  WrappedJoinRequest_Compression,
} from '@livekit/protocol'

/**
 * Close codes of the signal socket. LiveKit clients know only the standard ones: 1009 for a frame
 * over the limit, 1003 for a frame that is not a binary SignalRequest.
 */
export const SignalClose = { TooLarge: 1009, BadMessage: 1003 } as const

/** Largest signal frame accepted: offers of many sections are a few tens of KiB. */
export const MAX_SIGNAL_FRAME_BYTES = 1024 * 1024

/** Largest join request accepted (it carries the first SDP offer). */
const MAX_JOIN_REQUEST_BYTES = 256 * 1024

export function decodeJoinRequest(param: string): JoinRequest {
  const b64 = param.replace(/-/g, '+').replace(/_/g, '/')
  const wrapped = WrappedJoinRequest.fromBinary(new Uint8Array(Buffer.from(b64, 'base64')))
  let bytes = wrapped.joinRequest
  if (wrapped.compression === WrappedJoinRequest_Compression.GZIP) {
    bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_JOIN_REQUEST_BYTES }))
  }
  return JoinRequest.fromBinary(bytes)
}

export function decodeSignalRequest(data: Buffer | ArrayBuffer | Buffer[]): SignalRequest {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
  return SignalRequest.fromBinary(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength))
}

export type ResponseMessage = SignalResponse['message']

export function encodeSignalResponse(message: ResponseMessage): Uint8Array {
  return new SignalResponse({ message }).toBinary()
}

/**
 * Protobuf's length-delimited field: key, length, bytes. A message's encoding followed by more
 * fields is that message with those fields added (repeated ones appended), so a frame can carry
 * participant infos encoded once, when they last changed, rather than once per receiver: a class
 * joining at once spent 6.5% of its media thread encoding the same participants into each newcomer's
 * JoinResponse.
 */
function lengthDelimited(fieldNo: number, bytes: Uint8Array): Uint8Array {
  const head = [...varint((fieldNo << 3) | 2), ...varint(bytes.byteLength)]
  const out = new Uint8Array(head.length + bytes.byteLength)
  out.set(head)
  out.set(bytes, head.length)
  return out
}

function varint(n: number): number[] {
  const out: number[] = []
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80)
    n >>>= 7
  }
  out.push(n)
  return out
}

const fieldNo = (type: { fields: { findJsonName(name: string): { no: number } | undefined } }, name: string) =>
  type.fields.findJsonName(name)!.no

const JOIN = fieldNo(SignalResponse, 'join')
const UPDATE = fieldNo(SignalResponse, 'update')
const OTHER_PARTICIPANTS = fieldNo(JoinResponse, 'otherParticipants')
const UPDATE_PARTICIPANTS = fieldNo(ParticipantUpdate, 'participants')

/** A JoinResponse frame: `join` (its other participants left empty) plus `others`, each an encoded ParticipantInfo. */
export function encodeJoinResponse(join: JoinResponse, others: readonly Uint8Array[]): Uint8Array {
  const body = Buffer.concat([join.toBinary(), ...others.map((o) => lengthDelimited(OTHER_PARTICIPANTS, o))])
  return lengthDelimited(JOIN, body)
}

/** A ParticipantUpdate frame of `participants`, each an encoded ParticipantInfo. */
export function encodeParticipantUpdate(participants: readonly Uint8Array[]): Uint8Array {
  return lengthDelimited(UPDATE, Buffer.concat(participants.map((p) => lengthDelimited(UPDATE_PARTICIPANTS, p))))
}
