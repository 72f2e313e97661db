/**
 * Validates a scene package folder: files (types, links, sizes), scene.json (JSON, schema,
 * expressions, ranges, ids), README.md, referenced assets and glTF models. The CLI, the catalog
 * and uploads all call this, so an author sees exactly what the server will say.
 */
import fs from 'node:fs'
import path from 'node:path'
import { loadScene } from '#common/scene/load.ts'
import { sceneAssets } from '#common/scene/references.ts'
import type { Scene } from '#common/scene/schema.ts'
import type { PackageIssue } from './package-issue.ts'
import { PACKAGE_LIMITS, formatBytes } from './limits.ts'
import { walkPackage } from './walk.ts'
import { checkGltf } from './gltf-check.ts'
import { jsonSyntaxMessage } from './json-error.ts'

export type PackageReport =
  { ok: true; scene: Scene; issues: []; migratedFrom: number } | { ok: false; scene?: Scene; issues: PackageIssue[] }

export interface ValidateOptions {
  /** The id the scene must have (its folder name); unset for uploads, whose folder comes from the id. */
  expectId?: string
}

const SCENE_FILE = 'scene.json'

export async function validatePackage(dir: string, options: ValidateOptions = {}): Promise<PackageReport> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return {
      ok: false,
      issues: [{ file: dir, path: '', message: 'is not a folder; give the folder that holds scene.json' }],
    }
  }
  const { files, issues } = walkPackage(dir)
  const has = new Set(files.map((f) => f.rel))
  if (!has.has('README.md')) {
    issues.push({
      file: 'README.md',
      path: '',
      message: 'is missing; add one saying what the lab teaches and the credits and licences of its assets',
    })
  }
  const sceneFile = files.find((f) => f.rel === SCENE_FILE)
  if (!sceneFile) {
    issues.push({ file: SCENE_FILE, path: '', message: 'is missing; every package has a scene.json at its top level' })
    return { ok: false, issues }
  }
  if (sceneFile.size > PACKAGE_LIMITS.maxSceneJsonBytes) {
    issues.push({
      file: SCENE_FILE,
      path: '',
      message: `is ${formatBytes(sceneFile.size)}; it may be at most ${formatBytes(PACKAGE_LIMITS.maxSceneJsonBytes)}`,
    })
    return { ok: false, issues }
  }
  const text = fs.readFileSync(path.join(dir, SCENE_FILE), 'utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    issues.push({ file: SCENE_FILE, path: '', message: jsonSyntaxMessage(text, err as Error) })
    return { ok: false, issues }
  }
  const loaded = loadScene(json)
  if (!loaded.ok) {
    issues.push(...loaded.issues.map((i) => ({ file: SCENE_FILE, ...i })))
    return { ok: false, issues }
  }
  const scene = loaded.scene
  if (options.expectId !== undefined && scene.id !== options.expectId) {
    issues.push({
      file: SCENE_FILE,
      path: 'id',
      message: `is "${scene.id}" but the folder is "${options.expectId}"; rename one so they are equal`,
    })
  }
  for (const ref of sceneAssets(scene)) {
    if (!has.has(ref.file)) {
      issues.push({
        file: SCENE_FILE,
        path: ref.path,
        message: `names "${ref.file}", which is not in the package; add the file or fix the path`,
      })
    }
  }
  for (const f of files) {
    if (/\.(gltf|glb)$/i.test(f.rel) && !issues.some((i) => i.file === f.rel))
      issues.push(...(await checkGltf(dir, f.rel)))
  }
  if (issues.length > 0) return { ok: false, scene, issues }
  return { ok: true, scene, issues: [], migratedFrom: loaded.from }
}
