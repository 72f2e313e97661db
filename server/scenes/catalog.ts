/**
 * The scene packages this server offers: the built-in ones (`scenes/`), the uploaded ones
 * (`<data>/scenes/`), and in `scene dev` the package being authored. Every package passes the
 * same validator as `scene validate`; an invalid one is logged and skipped, never half-loaded.
 * The files on disk are the only copy; this map is a cache another instance rebuilds at boot.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'
import type { Scene } from '#common/scene/schema.ts'
import { validatePackage, type PackageReport } from './package/validate-package.ts'
import { formatIssue } from './package/package-issue.ts'

export const DEFAULT_SCENE_ID = 'lecture-hall'

export type SceneOrigin = 'built-in' | 'uploaded' | 'dev'

export interface SceneEntry {
  scene: Scene
  /** Folder of the package, for serving its assets. */
  dir: string
  origin: SceneOrigin
  /** Increases each time the package is replaced (uploads, `scene dev` reloads). */
  revision: number
}

export interface SceneSources {
  builtIn: string
  uploads?: string
  /** Single package folders (`scene dev`). */
  packages?: string[]
}

type ChangeListener = (entry: SceneEntry) => void

export class SceneCatalog {
  private readonly entries = new Map<string, SceneEntry>()
  private readonly listeners = new Set<ChangeListener>()

  constructor(private readonly log: Logger) {}

  static async load(sources: SceneSources, log: Logger): Promise<SceneCatalog> {
    const catalog = new SceneCatalog(log)
    const scan = async (root: string | undefined, origin: SceneOrigin) => {
      if (!root || !fs.existsSync(root)) return
      for (const d of fs.readdirSync(root, { withFileTypes: true })) {
        const dir = path.join(root, d.name)
        if (d.isDirectory() && !d.name.startsWith('.') && fs.existsSync(path.join(dir, 'scene.json'))) {
          await catalog.loadPackage(dir, origin)
        }
      }
    }
    await scan(sources.builtIn, 'built-in')
    await scan(sources.uploads, 'uploaded')
    for (const dir of sources.packages ?? []) await catalog.loadPackage(path.resolve(dir), 'dev')
    return catalog
  }

  /** Validates a package folder and (re)places it in the catalog when it is valid. */
  async loadPackage(dir: string, origin: SceneOrigin): Promise<PackageReport> {
    const report = await validatePackage(dir, { expectId: path.basename(dir) })
    if (!report.ok) {
      this.log.error({ dir, issues: report.issues.map(formatIssue) }, 'scene package is invalid; scene skipped')
      return report
    }
    const previous = this.entries.get(report.scene.id)
    if (previous && previous.origin === 'built-in' && origin !== 'built-in') {
      const issue = {
        file: 'scene.json',
        path: 'id',
        message: `"${report.scene.id}" is a built-in scene; choose another id`,
      }
      this.log.error({ dir, id: report.scene.id }, 'a package may not replace a built-in scene; skipped')
      return { ok: false, scene: report.scene, issues: [issue] }
    }
    this.put({ scene: report.scene, dir, origin, revision: (previous?.revision ?? 0) + 1 })
    return report
  }

  /** Adds or replaces an entry that has already been validated (uploads). */
  put(entry: SceneEntry): void {
    this.entries.set(entry.scene.id, entry)
    for (const l of this.listeners) l(entry)
  }

  /** Called after any package is added or replaced. Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get(id: string): SceneEntry | undefined {
    return this.entries.get(id)
  }

  list(): SceneEntry[] {
    return [...this.entries.values()]
  }
}
