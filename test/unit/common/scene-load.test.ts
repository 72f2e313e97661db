import { describe, expect, it } from 'vitest'
import { loadScene } from '#common/scene/load.ts'

const minimal = () => ({
  formatVersion: 1,
  id: 'tiny-room',
  kind: 'classroom',
  title: { en: 'Tiny room' },
  environment: { floor: { size: [4, 4], color: '#888888' } },
  spawnPoints: [{ id: 'door', position: [0, 0, 1] }],
})

const issuesOf = (json: unknown) => {
  const r = loadScene(json)
  return r.ok ? [] : r.issues
}

describe('loading a scene', () => {
  it('fills defaults for a minimal scene', () => {
    const r = loadScene(minimal())
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.scene.seats).toEqual([])
      expect(r.scene.environment.background).toBe('#dfe7ee')
      expect(r.scene.spawnPoints[0]!.rotation).toEqual([0, 0, 0])
    }
  })

  it('names the path of each mistake', () => {
    const s = { ...minimal(), seats: [{ id: 'a', position: [0, 0] }] }
    expect(issuesOf(s)).toEqual([expect.objectContaining({ path: 'seats[0].position' })])
  })

  it('refuses a colour that is not #rrggbb', () => {
    const s = minimal()
    s.environment.floor.color = 'grey'
    expect(issuesOf(s)).toEqual([{ path: 'environment.floor.color', message: 'must be a colour like "#33aa77"' }])
  })

  it('refuses duplicate ids across seats and screens', () => {
    const s = {
      ...minimal(),
      screens: [{ id: 'x', role: 'main', position: [0, 2, -2], size: [2, 1] }],
      seats: [{ id: 'x', position: [0, 0, 0] }],
    }
    expect(issuesOf(s)).toEqual([
      { path: 'seats[0].id', message: 'duplicates the id "x" already used at screens[0].id' },
    ])
  })

  it('refuses a format version newer than it understands, and a missing one', () => {
    expect(issuesOf({ ...minimal(), formatVersion: 99 })[0]?.message).toMatch(/newer than this Atrium understands/)
    const { formatVersion: _drop, ...noVersion } = minimal()
    expect(issuesOf(noVersion)).toEqual([{ path: 'formatVersion', message: 'must be an integer of at least 1' }])
  })

  it('refuses an environment model path that escapes the package', () => {
    const s = minimal() as ReturnType<typeof minimal> & { environment: { model?: string } }
    s.environment.model = '../other/room.glb'
    expect(issuesOf(s)[0]?.path).toBe('environment.model')
  })

  it('refuses unknown fields, so typos are caught', () => {
    expect(issuesOf({ ...minimal(), spwanPoints: [] })[0]?.path).toBe('spwanPoints')
  })

  it('refuses text without any language', () => {
    expect(issuesOf({ ...minimal(), title: {} })).toEqual([
      { path: 'title', message: 'must have at least one language ("en" or "zh-CN")' },
    ])
  })
})
