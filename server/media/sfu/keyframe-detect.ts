/**
 * Whether an RTP packet starts a keyframe, read from the payload's first bytes (which SRTP leaves
 * to the SFU after decryption): the SFU waits for the keyframe it asked a publisher for before it
 * asks again (published-track.ts).
 */

const VP8_EXTENDED = 0x80
const VP8_START = 0x10
const VP8_PARTITION = 0x0f
const VP8_PICTURE_ID = 0x80
const VP8_TL0PICIDX = 0x40
const VP8_TID_OR_KEYIDX = 0x30
const VP8_LONG_PICTURE_ID = 0x80
/** In the VP8 payload header, P is 0 on a keyframe (RFC 7741 section 4.3). */
const VP8_INTER_FRAME = 0x01

const H264_IDR = 5
const H264_SPS = 7
const H264_STAP_A = 24
const H264_FU_A = 28
const H264_FU_START = 0x80

/** RFC 7741: the payload descriptor, then the frame's first partition when S is set and PID is 0. */
function vp8StartsKeyframe(p: Uint8Array): boolean {
  if (p.length < 1 || !(p[0]! & VP8_START) || (p[0]! & VP8_PARTITION) !== 0) return false
  let at = 1
  if (p[0]! & VP8_EXTENDED) {
    const x = p[at++]
    if (x === undefined) return false
    if (x & VP8_PICTURE_ID) at += (p[at] ?? 0) & VP8_LONG_PICTURE_ID ? 2 : 1
    if (x & VP8_TL0PICIDX) at++
    if (x & VP8_TID_OR_KEYIDX) at++
  }
  const header = p[at]
  return header !== undefined && (header & VP8_INTER_FRAME) === 0
}

function h264IsKeyNal(type: number): boolean {
  return type === H264_IDR || type === H264_SPS
}

/** RFC 6184: a single NAL unit, an aggregation (STAP-A) or the first fragment (FU-A) of an IDR picture or its SPS. */
function h264StartsKeyframe(p: Uint8Array): boolean {
  if (p.length < 1) return false
  const type = p[0]! & 0x1f
  if (type === H264_STAP_A) {
    for (let at = 1; at + 2 < p.length; at += 2 + ((p[at]! << 8) | p[at + 1]!)) {
      if (h264IsKeyNal(p[at + 2]! & 0x1f)) return true
    }
    return false
  }
  if (type === H264_FU_A) return p.length > 1 && (p[1]! & H264_FU_START) !== 0 && (p[1]! & 0x1f) === H264_IDR
  return h264IsKeyNal(type)
}

/** True or false for VP8 and H.264; undefined for a codec this cannot read. */
export function startsKeyframe(mimeType: string, payload: Uint8Array): boolean | undefined {
  switch (mimeType.toLowerCase()) {
    case 'video/vp8':
      return vp8StartsKeyframe(payload)
    case 'video/h264':
      return h264StartsKeyframe(payload)
    default:
      return undefined
  }
}
