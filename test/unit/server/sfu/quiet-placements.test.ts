/**
 * When muted tracks get their sections (quiet-placements.ts): together once no more come for a
 * subscriber, by a deadline however busy the room stays, at once when one unmutes. The room's
 * side, with a real server and clients, is in renegotiation.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { QuietPlacements } from '../../../../server/media/sfu/quiet-placements.ts'

let placed: [string, string[]][]
let quiet: QuietPlacements<string>

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  placed = []
  quiet = new QuietPlacements<string>(1000, (subscriber, items) => placed.push([subscriber, items]))
})
afterEach(() => {
  quiet.close()
  vi.useRealTimers()
})

describe('muted tracks waiting for a quiet spell', () => {
  it('go to a subscriber together once none has come for the quiet time', () => {
    quiet.wait('ben', 'mic-1', 'mic-1')
    vi.advanceTimersByTime(600)
    quiet.wait('ben', 'mic-2', 'mic-2')
    vi.advanceTimersByTime(600)
    expect(placed).toEqual([])
    vi.advanceTimersByTime(400)
    expect(placed).toEqual([['ben', ['mic-1', 'mic-2']]])
  })

  it('go by five times the quiet time after the first, however many keep coming', () => {
    quiet.wait('ben', 'mic-0', 'mic-0')
    for (let i = 1; i <= 12; i++) {
      vi.advanceTimersByTime(400)
      quiet.wait('ben', `mic-${i}`, `mic-${i}`)
    }
    // 4,800 ms in, the last came 0 ms ago: the spell is not quiet, but the deadline is near.
    vi.advanceTimersByTime(199)
    expect(placed).toEqual([])
    vi.advanceTimersByTime(1)
    expect(placed).toHaveLength(1)
    expect(placed[0]![1]).toHaveLength(13)
  })

  it('wait for each subscriber on its own', () => {
    quiet.wait('ben', 'mic-1', 'mic-1')
    vi.advanceTimersByTime(500)
    quiet.wait('ana', 'mic-1', 'mic-1')
    vi.advanceTimersByTime(500)
    expect(placed).toEqual([['ben', ['mic-1']]])
    vi.advanceTimersByTime(500)
    expect(placed).toEqual([
      ['ben', ['mic-1']],
      ['ana', ['mic-1']],
    ])
  })

  it('are taken out for every subscriber when one unmutes, and the rest keep waiting', () => {
    quiet.wait('ben', 'mic-1', 'ben/mic-1')
    quiet.wait('ben', 'mic-2', 'ben/mic-2')
    quiet.wait('ana', 'mic-1', 'ana/mic-1')
    expect(quiet.take('mic-1')).toEqual([
      ['ben', 'ben/mic-1'],
      ['ana', 'ana/mic-1'],
    ])
    vi.advanceTimersByTime(1000)
    expect(placed).toEqual([['ben', ['ben/mic-2']]])
  })

  it('are forgotten when the subscriber leaves', () => {
    quiet.wait('ben', 'mic-1', 'mic-1')
    quiet.forget('ben')
    vi.advanceTimersByTime(10_000)
    expect(placed).toEqual([])
  })
})
