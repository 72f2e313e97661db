/**
 * Keyframes read from the first bytes of RTP payloads, as Chrome packetizes VP8 (RFC 7741) and
 * H.264 (RFC 6184): the SFU waits for the keyframe it asked a publisher for before asking again.
 */
import { describe, expect, it } from 'vitest'
import { startsKeyframe } from '../../../../server/media/sfu/keyframe-detect.ts'

const bytes = (...b: number[]) => Uint8Array.from(b)

describe('VP8', () => {
  it('a frame’s first packet says keyframe or not in its payload header', () => {
    // S set, partition 0, no extensions; the VP8 header's P bit is 0 on a keyframe.
    expect(startsKeyframe('video/VP8', bytes(0x10, 0x00, 0x9d))).toBe(true)
    expect(startsKeyframe('video/VP8', bytes(0x10, 0x01, 0x9d))).toBe(false)
  })

  it('skips the extensions Chrome writes (a 15-bit picture id, TL0PICIDX, TID/KEYIDX)', () => {
    // X set; I, L, T present; the picture id's M bit set: two bytes.
    expect(startsKeyframe('video/VP8', bytes(0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20, 0x00))).toBe(true)
    expect(startsKeyframe('video/VP8', bytes(0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20, 0x01))).toBe(false)
    // A 7-bit picture id only.
    expect(startsKeyframe('video/VP8', bytes(0x90, 0x80, 0x12, 0x00))).toBe(true)
  })

  it('a packet that does not start the frame starts nothing', () => {
    expect(startsKeyframe('video/VP8', bytes(0x00, 0x00, 0x00))).toBe(false)
    // S set but a later partition.
    expect(startsKeyframe('video/VP8', bytes(0x11, 0x00))).toBe(false)
    expect(startsKeyframe('video/vp8', bytes())).toBe(false)
  })
})

describe('H.264', () => {
  it('an IDR picture or its SPS, alone, aggregated or in the first fragment', () => {
    expect(startsKeyframe('video/H264', bytes(0x65, 0x88))).toBe(true) // IDR slice
    expect(startsKeyframe('video/H264', bytes(0x67, 0x42))).toBe(true) // SPS
    // STAP-A with SPS (3 bytes) and PPS (2 bytes).
    expect(startsKeyframe('video/H264', bytes(0x78, 0x00, 0x03, 0x67, 0x42, 0x00, 0x00, 0x02, 0x68, 0xce))).toBe(true)
    // FU-A, start bit, IDR.
    expect(startsKeyframe('video/H264', bytes(0x7c, 0x85, 0x88))).toBe(true)
  })

  it('other pictures and later fragments start nothing', () => {
    expect(startsKeyframe('video/H264', bytes(0x41, 0x9a))).toBe(false) // non-IDR slice
    expect(startsKeyframe('video/H264', bytes(0x7c, 0x05, 0x88))).toBe(false) // FU-A, not the start
    expect(startsKeyframe('video/H264', bytes(0x7c, 0x81, 0x9a))).toBe(false) // FU-A start of a non-IDR slice
    // STAP-A of PPS only.
    expect(startsKeyframe('video/H264', bytes(0x78, 0x00, 0x02, 0x68, 0xce))).toBe(false)
  })
})

it('says nothing about a codec it cannot read', () => {
  expect(startsKeyframe('video/AV1', bytes(0x10, 0x00))).toBeUndefined()
})
