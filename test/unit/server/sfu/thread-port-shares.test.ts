import { describe, expect, it } from 'vitest'
import { portsOfThread } from '../../../../server/media/sfu/threaded-sfu.ts'

describe('UDP ports of media threads', () => {
  it('splits ATRIUM_RTC_PORTS into one share per thread, without overlap, the last taking the rest', () => {
    expect([0, 1].map((slot) => portsOfThread([50000, 50200], 2, slot))).toEqual([
      [50000, 50099],
      [50100, 50200],
    ])
    expect([0, 1, 2].map((slot) => portsOfThread([50000, 50002], 3, slot))).toEqual([
      [50000, 50000],
      [50001, 50001],
      [50002, 50002],
    ])
  })

  it('leaves any free port to every thread when no range is set', () => {
    expect(portsOfThread(undefined, 2, 1)).toBeUndefined()
  })
})
