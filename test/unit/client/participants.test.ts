import { describe, expect, it } from 'vitest'
import { toParticipants } from '../../../client/state/participants.ts'
import type { Presence } from '#common/collab/presence.ts'

const p = (
  identity: string,
  name: string,
  role: Presence['user']['role'],
  extra: Partial<Presence> = {},
): Presence => ({
  user: { identity, name, role },
  place: 'remote',
  device: 'browser',
  ...extra,
})

describe('the participant list', () => {
  it('puts the teacher first, then everyone by name', () => {
    const list = toParticipants([p('3', 'Zhang', 'learner'), p('1', 'Ms. Li', 'teacher'), p('2', 'An', 'learner')])
    expect(list.map((x) => x.name)).toEqual(['Ms. Li', 'An', 'Zhang'])
  })

  it('shows one entry for a person with two tabs, as headset if either is', () => {
    const list = toParticipants([p('1', 'Ann', 'learner'), p('1', 'Ann', 'learner', { device: 'headset' })])
    expect(list).toHaveLength(1)
    expect(list[0]!.via).toBe('headset')
  })

  it('tells on-site people apart', () => {
    const list = toParticipants([
      p('1', 'Bo', 'onsite', { place: 'onsite' }),
      p('2', 'Cy', 'onsite', { place: 'onsite', device: 'headset' }),
    ])
    expect(list.map((x) => x.via)).toEqual(['onsite', 'onsite-headset'])
  })
})
