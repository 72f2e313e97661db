import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'
import { loadScene } from '#common/scene/load.ts'
import type { Scene } from '#common/scene/schema.ts'

export const DEFAULT_SCENE_ID = 'lecture-hall'

export interface SceneEntry {
  scene: Scene
  /** Folder of the package, for serving its assets. */
  dir: string
}

/** The scene packages this server offers, loaded and validated at boot. */
export class SceneCatalog {
  private readonly entries = new Map<string, SceneEntry>()

  static load(dir: string, log: Logger): SceneCatalog {
    const catalog = new SceneCatalog()
    for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!name.isDirectory()) continue
      const pkgDir = path.join(dir, name.name)
      const file = path.join(pkgDir, 'scene.json')
      if (!fs.existsSync(file)) continue
      let json: unknown
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'))
      } catch (err) {
        log.error({ file, err: (err as Error).message }, 'scene.json is not valid JSON; scene skipped')
        continue
      }
      const r = loadScene(json)
      if (!r.ok) {
        log.error({ file, issues: r.issues }, 'scene package is invalid; scene skipped')
        continue
      }
      if (r.scene.id !== name.name) {
        log.error({ file, id: r.scene.id }, 'scene id must equal its folder name; scene skipped')
        continue
      }
      catalog.entries.set(r.scene.id, { scene: r.scene, dir: pkgDir })
    }
    return catalog
  }

  get(id: string): SceneEntry | undefined {
    return this.entries.get(id)
  }

  list(): Scene[] {
    return [...this.entries.values()].map((e) => e.scene)
  }
}
