import { beforeAll, describe, expect, it } from 'vitest'
import * as werift from 'werift'
import { parseRtpHeader, parseRtpHeadersWithoutStrings } from '../../../../server/media/sfu/rtp-header-parse.ts'

// werift's own parser, taken before anything in this file patches it.
const weriftParse = werift.RtpHeader.deSerialize.bind(werift.RtpHeader)

/** What werift's parser made of `raw`, or the error's class when it threw. */
function viaWerift(raw: Buffer): unknown {
  try {
    return { ...weriftParse(raw) }
  } catch (err) {
    return (err as Error).constructor.name
  }
}

function viaOurs(raw: Buffer): unknown {
  try {
    return { ...parseRtpHeader(werift.RtpHeader, raw) }
  } catch (err) {
    return (err as Error).constructor.name
  }
}

/** A 12-byte header: version 2, payload type 96, sequence number 0x1234, SSRC 0xcafebabe. */
const BASE = [0x80, 0x60, 0x12, 0x34, 0, 0, 0x10, 0, 0xca, 0xfe, 0xba, 0xbe]

function packet(bytes: number[], payload = 20): Buffer {
  return Buffer.concat([Buffer.from(bytes), Buffer.alloc(payload, 0xab)])
}

function withLastByte(raw: Buffer, byte: number): Buffer {
  raw[raw.length - 1] = byte
  return raw
}

/** A packet with an extension block: `profile`, then `block` (whole 32-bit words), after `csrc`. */
function withExtensions(profile: number, block: number[], csrc: number[] = []): Buffer {
  const first = 0x90 | (csrc.length / 4)
  return packet([first, ...BASE.slice(1), ...csrc, profile >> 8, profile & 0xff, 0, block.length / 4, ...block])
}

/** Deterministic pseudo-random bytes, so a failure names the same packet every run. */
function* randomBytes(seed: number): Generator<number> {
  let x = seed
  for (;;) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    yield (x >>> 0) & 0xff
  }
}

describe('RTP headers read without strings', () => {
  beforeAll(() => parseRtpHeadersWithoutStrings(werift))

  it('reads what werift reads from the packets browsers send', () => {
    const cases: Record<string, Buffer> = {
      plain: packet(BASE),
      'marker and dynamic payload type': packet([0x80, 0xe0, ...BASE.slice(2)]),
      'two CSRCs': packet([0x82, ...BASE.slice(1), 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]),
      padding: withLastByte(packet([0xa0, ...BASE.slice(1)]), 4),
      // mid "0", audio level, abs-send-time: Chrome's one-byte extensions, then padding.
      'one-byte extensions': withExtensions(0xbede, [0x10, 0x30, 0x20, 0xff, 0x32, 1, 2, 3, 0, 0, 0, 0]),
      'one-byte block ended by id 15': withExtensions(0xbede, [0x10, 0x30, 0xf0, 0, 0, 0, 0, 0]),
      'two-byte extensions': withExtensions(0x1000, [0, 1, 2, 0x61, 0x62, 7, 0, 0]),
      'unknown extension profile': withExtensions(0x1234, [9, 8, 7, 6]),
      'CSRC and extension': withExtensions(0xbede, [0x10, 0x31, 0, 0], [0, 0, 0, 9]),
      'too short': Buffer.from(BASE.slice(0, 8)),
      'extension header cut off': Buffer.from([0x90, ...BASE.slice(1), 0xbe]),
    }
    for (const [name, raw] of Object.entries(cases)) expect(viaOurs(raw), name).toEqual(viaWerift(raw))
  })

  it('reads what werift reads from ten thousand random headers', () => {
    const bytes = randomBytes(0x2545f491)
    for (let n = 0; n < 10_000; n++) {
      const length = 12 + (bytes.next().value % 60)
      const raw = Buffer.from(Array.from({ length }, () => bytes.next().value))
      // Version 2, and an extension profile werift knows in most of them.
      raw[0] = 0x80 | (raw[0]! & 0x3f)
      const profile = n % 3 === 0 ? 0xbede : n % 3 === 1 ? 0x1000 : raw.readUInt16BE(0)
      const at = 12 + 4 * (raw[0]! & 0x0f)
      if (at + 4 <= length) {
        raw.writeUInt16BE(profile, at)
        raw.writeUInt16BE(raw[at + 2]! % 8, at + 2)
      }
      expect(viaOurs(raw), raw.toString('hex')).toEqual(viaWerift(raw))
    }
  })

  it("is what werift's own packet parsing uses once patched", () => {
    const raw = withExtensions(0xbede, [0x10, 0x30, 0, 0])
    expect(werift.RtpHeader.deSerialize).not.toBe(weriftParse)
    expect({ ...werift.RtpPacket.deSerialize(raw).header }).toEqual(viaWerift(raw))
  })
})
