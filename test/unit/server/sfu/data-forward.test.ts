/**
 * A data packet as the embedded SFU forwards it, from packets built as livekit-client 2.23's
 * `publishData` builds them: the sender is the server's word, the rest is what receivers read.
 */
import { describe, expect, it } from 'vitest'
import { DataPacket, DataPacket_Kind, UserPacket } from '@livekit/protocol'
import { forwardedData } from '../../../../server/media/sfu/data-forward.ts'

const from = { identity: 'p_28y5jh32uksm', sid: 'PA_eQgGtfppD3Sf' }
const pose = new Uint8Array([1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])

function published(user: Partial<UserPacket>, packet: Partial<DataPacket> = {}): Uint8Array {
  return new DataPacket({
    kind: DataPacket_Kind.LOSSY,
    ...packet,
    value: { case: 'user', value: new UserPacket(user) },
  }).toBinary()
}

describe('forwarded data packets', () => {
  it('name the sender as the server knows them, whoever the packet claims to be from', () => {
    const out = forwardedData(published({ participantIdentity: 'p_someone_else', payload: pose, topic: 'pose' }), from)!
    const p = DataPacket.fromBinary(out.bytes)
    expect(p.participantIdentity).toBe(from.identity)
    expect(p.kind).toBe(DataPacket_Kind.LOSSY)
    expect(p.value.case).toBe('user')
    const user = p.value.value as UserPacket
    expect(user.payload).toEqual(pose)
    expect(user.topic).toBe('pose')
    // The deprecated copies inside the user packet are not sent: livekit-client fills them from the top.
    expect(user.participantIdentity).toBe('')
    expect(user.participantSid).toBe('')
    // A lossy packet carries no sequence number, so nobody needs the sender's sid.
    expect(p.participantSid).toBe('')
  })

  it('keep the sender sid on numbered reliable packets, which receivers de-duplicate by it', () => {
    const bytes = published(
      { participantIdentity: from.identity, payload: pose, topic: 'reaction' },
      { kind: DataPacket_Kind.RELIABLE, sequence: 7 },
    )
    const p = DataPacket.fromBinary(forwardedData(bytes, from)!.bytes)
    expect(p.sequence).toBe(7)
    expect(p.participantSid).toBe(from.sid)
  })

  it('route by the destination list, new or old style, and do not pass the list on', () => {
    const newStyle = published({ payload: pose }, { destinationIdentities: ['p_a'] })
    const oldStyle = published({ payload: pose, destinationIdentities: ['p_b'], destinationSids: ['PA_b'] })
    for (const [bytes, to] of [
      [newStyle, ['p_a']],
      [oldStyle, ['p_b']],
    ] as const) {
      const out = forwardedData(bytes, from)!
      expect(out.destinations).toEqual(to)
      const p = DataPacket.fromBinary(out.bytes)
      const user = p.value.value as UserPacket
      expect([p.destinationIdentities, user.destinationIdentities, user.destinationSids]).toEqual([[], [], []])
    }
    expect(forwardedData(published({ payload: pose }), from)!.destinations).toEqual([])
  })

  it('wrap a pose in under 30 bytes: sender identity, kind and topic', () => {
    const sent = published({ participantIdentity: from.identity, payload: pose, topic: 'pose' })
    expect(forwardedData(sent, from)!.bytes.byteLength - pose.byteLength).toBeLessThanOrEqual(30)
  })

  it('refuse what is not a data packet', () => {
    expect(forwardedData(new Uint8Array([0xff, 0xff, 0xff]), from)).toBeUndefined()
  })
})
