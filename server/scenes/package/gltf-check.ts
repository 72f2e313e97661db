/**
 * glTF validity through the Khronos validator (gltf-validator). External buffers and images of
 * a .gltf are read from the package only; a URI that leaves it is an error, never a read.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { PackageIssue } from './package-issue.ts'

const MAX_REPORTED = 5

/** Validates one .gltf/.glb file of the package at `dir`; returns its errors (warnings are not errors). */
export async function checkGltf(dir: string, rel: string): Promise<PackageIssue[]> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(dir, rel)))
  const root = path.resolve(dir)
  try {
    // Loaded on first use: a server whose scenes have no glTF never holds the validator.
    const { validateBytes } = await import('gltf-validator')
    const report = await validateBytes(bytes, {
      uri: rel,
      maxIssues: 50,
      externalResourceFunction: async (uri) => {
        const target = path.resolve(root, path.dirname(rel), decodeURIComponent(uri))
        if (!target.startsWith(root + path.sep) || /^[a-z]+:/i.test(uri))
          throw new Error(`"${uri}" is outside the package`)
        return new Uint8Array(fs.readFileSync(target))
      },
    })
    const errors = report.issues.messages.filter((m) => m.severity === 0)
    const out = errors.slice(0, MAX_REPORTED).map((m) => ({
      file: rel,
      path: m.pointer ?? (m.offset !== undefined ? `byte ${m.offset}` : ''),
      message: `glTF ${m.code}: ${m.message.replace(/\.$/, '')}; re-export the model or check it at the glTF validator`,
    }))
    if (errors.length > MAX_REPORTED) {
      out.push({ file: rel, path: '', message: `has ${errors.length - MAX_REPORTED} more glTF errors` })
    }
    return out
  } catch (err) {
    return [{ file: rel, path: '', message: `could not be read as glTF: ${String((err as Error)?.message ?? err)}` }]
  }
}
