import { describe, expect, it } from 'vitest'
import { SpeakingTime } from '../../../../server/records/speaking-time.ts'

function tracker() {
  const turns: [string, string, number][] = []
  const t = new SpeakingTime({ speaking: (s, i, ms) => void turns.push([s, i, ms]) })
  return { t, turns }
}

describe('speaking time from active-speaker changes', () => {
  it('records one turn from the start to the stop, per person and session', () => {
    const { t, turns } = tracker()
    t.handle('atrium-k3j4h5g6f7', 'p_ann', true, 1000)
    t.handle('atrium-k3j4h5g6f7', 'p_bo', true, 1500)
    t.handle('atrium-k3j4h5g6f7', 'p_ann', true, 2000) // still the same turn
    t.handle('atrium-k3j4h5g6f7', 'p_ann', false, 4200)
    t.handle('atrium-k3j4h5g6f7', 'p_bo', false, 2000)
    expect(turns).toEqual([
      ['k3j4h5g6f7', 'p_ann', 3200],
      ['k3j4h5g6f7', 'p_bo', 500],
    ])
  })

  it('ignores a stop without a start, and rooms that are not a session', () => {
    const { t, turns } = tracker()
    t.handle('atrium-k3j4h5g6f7', 'p_ann', false, 1000)
    t.handle('other-room', 'p_ann', true, 1000)
    t.handle('other-room', 'p_ann', false, 3000)
    expect(turns).toEqual([])
  })
})

describe('speaking time in breakout rooms', () => {
  it('counts for the session of the group room', () => {
    const { t, turns } = tracker()
    t.handle('atrium-k3j4h5g6f7-g-g2', 'p_ann', true, 0)
    t.handle('atrium-k3j4h5g6f7-g-g2', 'p_ann', false, 1000)
    expect(turns).toEqual([['k3j4h5g6f7', 'p_ann', 1000]])
  })
})
