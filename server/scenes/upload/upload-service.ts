/**
 * Accepting an uploaded scene package: unzip into a private work folder, validate with the same
 * code as `scene validate`, then move it into `<data>/scenes/<id>/` with renames, so a package is
 * either fully there or not at all. Any refusal removes the work folder: nothing is stored.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { AtriumError, type FieldIssue } from '#common/errors.ts'
import type { Scene } from '#common/scene/schema.ts'
import type { SceneCatalog } from '../catalog.ts'
import { validatePackage } from '../package/validate-package.ts'
import type { PackageIssue } from '../package/package-issue.ts'
import { extractZip, ZipRefused } from './read-zip.ts'
import { uploadedScenesDir, uploadWorkDir } from './upload-paths.ts'
import type { UploadStore } from './upload-store.ts'

export type Uploader = { kind: 'admin' } | { kind: 'teacher'; identity: string; sessionId: string }

export interface UploadResult {
  scene: Scene
  files: number
  bytes: number
  replaced: boolean
}

const toFieldIssue = (i: PackageIssue): FieldIssue => ({
  path: i.path ? `${i.file}: ${i.path}` : i.file,
  message: i.message,
})

export class UploadService {
  constructor(
    private readonly deps: { dataDir: string; catalog: SceneCatalog; uploads: UploadStore; now?: () => number },
  ) {}

  async accept(zip: Buffer, who: Uploader): Promise<UploadResult> {
    const work = path.join(uploadWorkDir(this.deps.dataDir), crypto.randomUUID())
    const unpacked = path.join(work, 'package')
    try {
      let counts: { files: number; bytes: number }
      try {
        counts = await extractZip(zip, unpacked)
      } catch (err) {
        if (!(err instanceof ZipRefused)) throw err
        throw AtriumError.badRequest(`The package was refused: ${err.file}: ${err.message}.`, [
          { path: err.file, message: err.message },
        ])
      }
      const report = await validatePackage(unpacked)
      if (!report.ok) {
        const n = report.issues.length
        throw AtriumError.badRequest(
          `The package has ${n} problem${n === 1 ? '' : 's'}; run \`npm run scene -- validate\` on it for the same list.`,
          report.issues.map(toFieldIssue),
        )
      }
      const scene = report.scene
      this.checkMayReplace(scene.id, who)
      const replaced = this.install(unpacked, scene.id)
      this.deps.uploads.put({
        scene: scene.id,
        uploadedBy: who.kind === 'admin' ? 'admin' : who.identity,
        role: who.kind,
        sessionId: who.kind === 'teacher' ? who.sessionId : null,
        bytes: counts.bytes,
        files: counts.files,
        uploadedAt: (this.deps.now ?? Date.now)(),
      })
      const dir = path.join(uploadedScenesDir(this.deps.dataDir), scene.id)
      const revision = (this.deps.catalog.get(scene.id)?.revision ?? 0) + 1
      this.deps.catalog.put({ scene, dir, origin: 'uploaded', revision })
      return { scene, ...counts, replaced }
    } finally {
      fs.rmSync(work, { recursive: true, force: true })
    }
  }

  private checkMayReplace(id: string, who: Uploader): void {
    const existing = this.deps.catalog.get(id)
    if (existing && existing.origin !== 'uploaded') {
      throw AtriumError.forbidden(`"${id}" is a built-in scene; give your package another id.`)
    }
    const owner = this.deps.uploads.uploaderOf(id)
    if (existing && who.kind === 'teacher' && owner !== who.identity) {
      throw AtriumError.forbidden(`A scene "${id}" was uploaded by someone else; give your package another id.`)
    }
  }

  /** Moves the checked folder into place; an older version is swapped out and removed. */
  private install(unpacked: string, id: string): boolean {
    const root = uploadedScenesDir(this.deps.dataDir)
    fs.mkdirSync(root, { recursive: true })
    const target = path.join(root, id)
    const staged = path.join(root, `.${id}.${crypto.randomUUID()}`)
    fs.renameSync(unpacked, staged)
    const replaced = fs.existsSync(target)
    const old = `${staged}.old`
    if (replaced) fs.renameSync(target, old)
    fs.renameSync(staged, target)
    if (replaced) fs.rmSync(old, { recursive: true, force: true })
    return replaced
  }
}
