/**
 * The benchmark's synthetic learners decode only the responses they act on (SignalClient's
 * `decode`) and tell the others apart by their first field's key alone. Every kind of
 * SignalResponse that livekit-client 2.23's protocol names must be told correctly, those whose
 * key takes two bytes too; a wrong kind would make a learner miss its answer and never connect.
 */
import { describe, expect, it } from 'vitest'
import { ScalarType } from '@bufbuild/protobuf'
import { SignalResponse } from '@livekit/protocol'
import { responseCase } from '../../helpers/signal-client.ts'

type Field = ReturnType<typeof SignalResponse.fields.list>[number]

/** A value of the field's type that protobuf writes (a oneof member is written even when empty). */
function sample(f: Field): unknown {
  if (f.kind === 'message') return new f.T()
  if (f.kind !== 'scalar') return 1
  if (f.T === ScalarType.STRING) return 'x'
  if (f.T === ScalarType.BOOL) return true
  if (f.T === ScalarType.BYTES) return new Uint8Array([1])
  const wide = [ScalarType.INT64, ScalarType.UINT64, ScalarType.FIXED64, ScalarType.SFIXED64, ScalarType.SINT64]
  return wide.includes(f.T) ? 1n : 1
}

describe('the kind of a signal response', () => {
  const kinds = SignalResponse.fields.list().filter((f) => f.oneof?.name === 'message')

  it('is read from the key for every kind of response', () => {
    expect(kinds.length).toBeGreaterThan(20)
    expect(kinds.some((f) => f.no > 15)).toBe(true)
    for (const f of kinds) {
      const frame = new SignalResponse({ message: { case: f.localName, value: sample(f) } as never }).toBinary()
      expect([f.localName, responseCase(frame)]).toEqual([f.localName, f.localName])
    }
  })

  it('is unknown for an empty frame or a key that never ends', () => {
    expect(responseCase(new Uint8Array())).toBeUndefined()
    expect(responseCase(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80]))).toBeUndefined()
  })
})
