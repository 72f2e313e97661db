import { describe, expect, it } from 'vitest'
import { MicrophoneTime } from '../../../../server/records/microphone-time.ts'

function recorder() {
  const spans: [string, number][] = []
  const time = new MicrophoneTime({ microphone: (s, id, ms) => spans.push([`${s}|${id}`, ms]) })
  const total = (key: string) => spans.filter(([k]) => k === key).reduce((n, [, ms]) => n + ms, 0)
  return { spans, time, total }
}
const ann = { sessionId: 's1', identity: 'ann' }
const bo = { sessionId: 's1', identity: 'bo' }

describe('microphone time', () => {
  it('counts from the first look that finds a live microphone to the first that does not', () => {
    const { time, total, spans } = recorder()
    time.observe([], 0)
    time.observe([ann], 5_000)
    time.observe([ann, bo], 10_000)
    time.observe([bo], 15_000)
    expect(spans).toEqual([['s1|ann', 10_000]])
    time.observe([], 20_000)
    expect(total('s1|bo')).toBe(10_000)
  })

  it('writes a long span every minute, so a crash loses at most a minute', () => {
    const { time, spans } = recorder()
    for (let at = 0; at <= 150_000; at += 5_000) time.observe([ann], at)
    expect(spans).toEqual([
      ['s1|ann', 60_000],
      ['s1|ann', 60_000],
    ])
    time.endAll(152_000)
    expect(spans.at(-1)).toEqual(['s1|ann', 32_000])
  })

  it('ends open spans at the last successful look when the media server cannot be asked', () => {
    const { time, total } = recorder()
    time.observe([ann], 0)
    time.observe([ann], 5_000)
    time.unknown()
    // The server answers again a minute later: the outage is not counted.
    time.observe([ann], 65_000)
    time.observe([], 70_000)
    expect(total('s1|ann')).toBe(10_000)
  })

  it('keeps sessions apart: the same identity in two sessions is two people', () => {
    const { time, total } = recorder()
    time.observe([ann, { sessionId: 's2', identity: 'ann' }], 0)
    time.observe([ann], 3_000)
    time.observe([], 4_000)
    expect(total('s1|ann')).toBe(4_000)
    expect(total('s2|ann')).toBe(3_000)
  })
})
