/**
 * `remoteFingerprintsMergedOnlyWhenNew` (werift-defaults.ts) skips werift's fingerprint merge for
 * a section that names only fingerprints the DTLS transport already has. The DTLS handshake checks
 * the client's certificate against exactly that list, so the list after any sequence of sections
 * must be werift's own: compared here, call for call, with werift's unpatched merge.
 */
import { describe, expect, it } from 'vitest'
import { RTCDtlsFingerprint, RTCDtlsParameters, RTCDtlsTransport } from 'werift'
import { remoteFingerprintsMergedOnlyWhenNew } from '../../../../server/media/sfu/werift-defaults.ts'

type Params = InstanceType<typeof RTCDtlsParameters>
type Merge = (this: { remoteParameters?: Params }, params: Params) => void

const proto = RTCDtlsTransport.prototype as unknown as { setRemoteParams: Merge }
const werifts = proto.setRemoteParams
remoteFingerprintsMergedOnlyWhenNew({ RTCDtlsTransport, RTCDtlsParameters })
const patched = proto.setRemoteParams

const hex = (seed: number) =>
  Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 7) & 0xff).toString(16).padStart(2, '0')).join(':')
const FINGERPRINTS = [
  ['sha-256', hex(1).toUpperCase()],
  ['sha-256', hex(1)], // the same one, written in lower case: werift keeps only the first
  ['SHA-256', hex(1).toUpperCase()],
  ['sha-256', hex(2).toUpperCase()],
  ['sha-384', hex(3).toUpperCase()],
] as const
const ROLES = ['auto', 'client', 'server'] as const

const listOf = (t: { remoteParameters?: Params }) => ({
  fingerprints: t.remoteParameters?.fingerprints.map((f) => `${f.algorithm} ${f.value}`),
  role: t.remoteParameters?.role,
})

function randomSection(next: () => number): Params {
  const count = Math.floor(next() * 3)
  const fingerprints = Array.from({ length: count }, () => {
    const [algorithm, value] = FINGERPRINTS[Math.floor(next() * FINGERPRINTS.length)]!
    return new RTCDtlsFingerprint(algorithm, value)
  })
  return new RTCDtlsParameters(fingerprints, ROLES[Math.floor(next() * ROLES.length)]!)
}

describe('the client’s fingerprints on the SFU’s DTLS transport', () => {
  it('is werift’s own merge that is patched', () => {
    expect(patched).not.toBe(werifts)
  })

  it('end up as werift would have them after every section of a thousand random descriptions', () => {
    let seed = 7
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    for (let run = 0; run < 1000; run++) {
      const theirs: { remoteParameters?: Params } = {}
      const ours: { remoteParameters?: Params } = {}
      const sections = 1 + Math.floor(next() * 40)
      for (let i = 0; i < sections; i++) {
        const section = randomSection(next)
        werifts.call(theirs, section)
        patched.call(ours, section)
        expect(listOf(ours)).toEqual(listOf(theirs))
      }
    }
  })

  it('a classroom’s thirty sections naming the same fingerprint leave one, and a new certificate adds its own', () => {
    const t: { remoteParameters?: Params } = {}
    const same = () => new RTCDtlsParameters([new RTCDtlsFingerprint('sha-256', hex(1).toUpperCase())], 'client')
    for (let i = 0; i < 30; i++) patched.call(t, same())
    expect(listOf(t)).toEqual({ fingerprints: [`sha-256 ${hex(1).toUpperCase()}`], role: 'client' })
    patched.call(t, new RTCDtlsParameters([new RTCDtlsFingerprint('sha-256', hex(2).toUpperCase())], 'auto'))
    expect(listOf(t)).toEqual({
      fingerprints: [`sha-256 ${hex(1).toUpperCase()}`, `sha-256 ${hex(2).toUpperCase()}`],
      role: 'client',
    })
  })
})
