import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScene } from '#common/scene/load.ts'
import { projectRoot } from '../../../server/paths.ts'
import { viewpointFor } from '../../../client/world/viewpoints.ts'

function scene(id: string) {
  const r = loadScene(JSON.parse(fs.readFileSync(path.join(projectRoot, 'scenes', id, 'scene.json'), 'utf8')))
  if (!r.ok) throw new Error(`${id} does not load`)
  return r.scene
}

describe('where following learners look', () => {
  const hall = scene('lecture-hall')

  it('stands straight in front of a board, far enough to see all of it, facing it', () => {
    const b = hall.boards[0]!
    const v = viewpointFor(hall, { kind: 'board', id: b.id, at: 1 })!
    expect(v.x).toBeCloseTo(b.position[0])
    expect(v.z).toBeGreaterThan(b.position[2] + 2)
    expect(v.yaw).toBeCloseTo(0)
    // Wide enough: at 60° vertical field of view and 16:10, the whole width is in view.
    const distance = v.z - b.position[2]
    expect(2 * distance * Math.tan(Math.PI / 6) * 1.6).toBeGreaterThan(b.size[0])
  })

  it('faces a side screen turned towards the room', () => {
    const side = {
      ...hall,
      boards: [
        {
          id: 'side',
          position: [9.9, 2.6, -3] as [number, number, number],
          rotation: [0, -90, 0] as [number, number, number],
          size: [3.2, 1.8] as [number, number],
        },
      ],
    }
    const v = viewpointFor(side, { kind: 'board', id: 'side', at: 1 })!
    expect(v.x).toBeLessThan(9.9 - 1.5)
    expect(v.z).toBeCloseTo(-3)
    expect(v.yaw).toBeCloseTo(-Math.PI / 2)
  })

  it('looks at the main screen for the stage, and has nothing for a lab the scene lacks or an unknown board', () => {
    const main = hall.screens.find((s) => s.role === 'main')!
    expect(viewpointFor(hall, { kind: 'stage', at: 1 })).toMatchObject({ x: main.position[0] })
    expect(viewpointFor(hall, { kind: 'lab', at: 1 })).toBeUndefined()
    expect(viewpointFor(hall, { kind: 'board', id: 'nope', at: 1 })).toBeUndefined()
    expect(viewpointFor(scene('pendulum'), { kind: 'lab', at: 1 })).toBeDefined()
  })
})
