/**
 * LiveKit's signalling frames: binary protobuf `SignalRequest` up and `SignalResponse` down
 * (@livekit/protocol, the version livekit-client uses), and the join request that v1 clients pack
 * into the URL (`join_request`: base64url of a WrappedJoinRequest, optionally gzipped).
 */
import { gunzipSync } from 'node:zlib'
import {
  JoinRequest,
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
