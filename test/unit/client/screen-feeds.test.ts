import { describe, expect, it } from 'vitest'
import type { Role } from '#common/roles.ts'
import { presenterOf, screenFeeds } from '../../../client/state/screen-feeds.ts'
import type { RemoteMedia } from '../../../client/net/media/media-manager.ts'

// Stand-ins for MediaStreamTracks: the choice only passes them through.
const track = (name: string) => ({ id: name }) as unknown as MediaStreamTrack
const media = (identity: string, has: { camera?: boolean; screen?: boolean } = {}): RemoteMedia => ({
  identity,
  camera: has.camera ? track(`${identity}-cam`) : undefined,
  screen: has.screen ? track(`${identity}-screen`) : undefined,
  mic: false,
  quality: 'unknown',
})
const roles = new Map<string, Role>([
  ['t', 'teacher'],
  ['a', 'learner'],
  ['b', 'learner'],
  ['c', 'learner'],
  ['pc', 'room'],
])

describe('what the screens show', () => {
  it("main: the teacher's screen share before the camera", () => {
    const remotes = { t: media('t', { camera: true, screen: true }) }
    expect(screenFeeds({ remotes, speakers: [], roles, spotlight: undefined }).main).toMatchObject({
      identity: 't',
      source: 'screen',
    })
    const camOnly = { t: media('t', { camera: true }) }
    expect(screenFeeds({ remotes: camOnly, speakers: [], roles, spotlight: undefined }).main?.source).toBe('camera')
  })

  it('main: whoever is in the spotlight, the room device included', () => {
    const remotes = {
      t: media('t', { camera: true }),
      b: media('b', { camera: true }),
      pc: media('pc', { camera: true }),
    }
    expect(screenFeeds({ remotes, speakers: [], roles, spotlight: 'b' }).main?.identity).toBe('b')
    expect(screenFeeds({ remotes, speakers: [], roles, spotlight: 'pc' }).main?.identity).toBe('pc')
    expect(presenterOf(roles, undefined)).toBe('t')
  })

  it('side: cameras on, speaking first, never the presenter or the room device', () => {
    const remotes = {
      t: media('t', { camera: true }),
      a: media('a', { camera: true }),
      b: media('b'),
      c: media('c', { camera: true }),
      pc: media('pc', { camera: true }),
    }
    const side = screenFeeds({ remotes, speakers: ['c', 't'], roles, spotlight: undefined }).side
    expect(side.map((f) => f.identity)).toEqual(['c', 'a'])
  })

  it("window: the room device's camera, and nothing without one", () => {
    const remotes = { pc: media('pc', { camera: true }), t: media('t', { camera: true }) }
    expect(screenFeeds({ remotes, speakers: [], roles, spotlight: undefined }).window).toMatchObject({
      identity: 'pc',
      source: 'camera',
    })
    expect(screenFeeds({ remotes: { t: remotes.t }, speakers: [], roles, spotlight: undefined }).window).toBeUndefined()
  })
})
