/**
 * Which of a media thread's messages go ahead (signal-lanes.ts): a fresh joiner's, for a while,
 * and control messages; never a resume or a join that replaces someone, whose order with the
 * frames of the socket before them matters.
 */
import { describe, expect, it } from 'vitest'
import { JOINING_MS, SignalLanes } from '../../../../server/media/sfu/signal-lanes.ts'
import type { ToWorker } from '../../../../server/media/sfu/sfu-thread-messages.ts'

type Open = Extract<ToWorker, { t: 'open' }>

const open = (sock: number, identity: string): Open => ({
  t: 'open',
  sock,
  claims: { sub: identity } as Open['claims'],
  room: 'r',
  path: '/rtc/v1',
  query: {},
})
const frame = (sock: number): ToWorker => ({ t: 'frame', sock, data: new Uint8Array(1), binary: true })

function lanes(fresh: (o: Open) => boolean = () => true) {
  let clock = 0
  const l = new SignalLanes(fresh, () => clock)
  return { goesFirst: l.goesFirst, wait: (ms: number) => (clock += ms) }
}

describe('signal lanes of a media thread', () => {
  it('put a fresh joiner’s join, frames and close ahead while it is joining, then no longer', () => {
    const { goesFirst, wait } = lanes()
    expect(goesFirst(open(7, 'ann'))).toBe(true)
    expect(goesFirst(frame(7))).toBe(true)
    wait(JOINING_MS - 1)
    expect(goesFirst(frame(7))).toBe(true)
    wait(1)
    expect(goesFirst(frame(7))).toBe(false)
    expect(goesFirst({ t: 'socketClosed', sock: 7 })).toBe(false)
  })

  it('leave the frames of those already in, and of unknown sockets, in their place', () => {
    const { goesFirst } = lanes()
    expect(goesFirst(frame(3))).toBe(false)
    expect(goesFirst({ t: 'socketClosed', sock: 3 })).toBe(false)
  })

  it('leave a resume or a join under a present identity in its place, with all its frames', () => {
    const { goesFirst } = lanes((o) => o.claims.sub !== 'bob')
    expect(goesFirst(open(9, 'bob'))).toBe(false)
    expect(goesFirst(frame(9))).toBe(false)
    expect(goesFirst({ t: 'socketClosed', sock: 9 })).toBe(false)
  })

  it('forget a joiner’s socket once it closes (a thread hosting a school for months keeps no trace of it)', () => {
    const { goesFirst } = lanes()
    goesFirst(open(5, 'cy'))
    expect(goesFirst({ t: 'socketClosed', sock: 5 })).toBe(true)
    expect(goesFirst(frame(5))).toBe(false)
  })

  it('put control messages ahead, in their order with the joins', () => {
    const { goesFirst } = lanes()
    expect(goesFirst({ t: 'forgetRoom', room: 'r' })).toBe(true)
    expect(goesFirst({ t: 'call', id: 1, call: { kind: 'ready' } } as ToWorker)).toBe(true)
    expect(goesFirst({ t: 'shutdown' })).toBe(true)
  })
})
