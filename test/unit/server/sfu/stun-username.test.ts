/**
 * What the UDP mux reads from STUN, on messages built by werift's own STUN code (as werift and
 * Chrome send them, with MESSAGE-INTEGRITY and FINGERPRINT after USERNAME).
 */
import { describe, expect, it } from 'vitest'
import { Message, classes, methods } from 'werift'
import {
  isBindingRequest,
  isStunResponse,
  localUfragOf,
  transactionOf,
} from '../../../../server/media/sfu/stun-username.ts'

function request(username: string | undefined): Message {
  const m = new Message(methods.BINDING, classes.REQUEST)
  if (username !== undefined) m.setAttribute('USERNAME', username)
  return m.setAttribute('PRIORITY', 1853824767).addMessageIntegrity(Buffer.from('password')).addFingerprint()
}

describe('STUN as the UDP mux reads it', () => {
  it('names the receiving ufrag of a binding request (the part before the colon)', () => {
    expect(localUfragOf(request('3f2a9c1d77e0b4a1:Xy7q').bytes)).toBe('3f2a9c1d77e0b4a1')
    // Lengths that need attribute padding.
    expect(localUfragOf(request('abcde:f').bytes)).toBe('abcde')
  })

  it('names nothing for a request without USERNAME or colon, a response, a truncated request, or media', () => {
    expect(localUfragOf(request(undefined).bytes)).toBeUndefined()
    expect(localUfragOf(request('nocolon').bytes)).toBeUndefined()
    const response = new Message(methods.BINDING, classes.RESPONSE).setAttribute('USERNAME', 'a:b')
    expect(localUfragOf(response.bytes)).toBeUndefined()
    expect(localUfragOf(request('abcd:efgh').bytes.subarray(0, 26))).toBeUndefined()
    expect(localUfragOf(Buffer.from([0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 9, 9, 9, 9, 9, 9, 9, 9]))).toBeUndefined()
    expect(isBindingRequest(Buffer.from([22, 0xfe, 0xfd]))).toBe(false)
  })

  it('tells responses by their class and pairs them with their request by transaction id', () => {
    const req = new Message(methods.BINDING, classes.REQUEST)
    const ok = new Message(methods.BINDING, classes.RESPONSE, req.transactionId)
    const error = new Message(methods.BINDING, classes.ERROR, req.transactionId)
    expect(isStunResponse(req.bytes)).toBe(false)
    expect(isStunResponse(ok.bytes)).toBe(true)
    expect(isStunResponse(error.bytes)).toBe(true)
    expect(transactionOf(ok.bytes)).toBe(transactionOf(req.bytes))
    expect(transactionOf(error.bytes)).toBe(req.transactionIdHex)
  })
})
