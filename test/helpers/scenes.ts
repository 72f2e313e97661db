import fs from 'node:fs'
import path from 'node:path'
import { loadScene } from '#common/scene/load.ts'
import type { Scene } from '#common/scene/schema.ts'
import type { Lab } from '#common/scene/lab-schema.ts'

export const SCENES_DIR = path.resolve(import.meta.dirname, '../../scenes')

/** A built-in scene, loaded as every client loads it. */
export function builtInScene(id: string): Scene {
  const r = loadScene(JSON.parse(fs.readFileSync(path.join(SCENES_DIR, id, 'scene.json'), 'utf8')))
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.issues)}`)
  return r.scene
}

export function builtInLab(id: string): Lab {
  const lab = builtInScene(id).lab
  if (!lab) throw new Error(`${id} has no lab`)
  return lab
}
