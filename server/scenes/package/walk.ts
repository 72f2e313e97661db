/** Lists a package folder's files with their sizes, refusing links, odd types and oversize. */
import fs from 'node:fs'
import path from 'node:path'
import type { PackageIssue } from './package-issue.ts'
import { PACKAGE_LIMITS, formatBytes } from './limits.ts'
import { fileTypeProblem } from './file-types.ts'

export interface PackageFile {
  /** Path inside the package with `/` separators. */
  rel: string
  size: number
}

/** Hidden files (editor swap files, .DS_Store) are not part of a package and are skipped. */
export const isHidden = (rel: string): boolean => rel.split('/').some((p) => p.startsWith('.') || p === '__MACOSX')

function readHead(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r')
  try {
    const buf = Buffer.alloc(16)
    const n = fs.readSync(fd, buf, 0, 16, 0)
    return buf.subarray(0, n)
  } finally {
    fs.closeSync(fd)
  }
}

/** Checks one file's path, size and type (`head`: its first 16 bytes). */
export function checkFileEntry(rel: string, size: number, head: Uint8Array): PackageIssue[] {
  const out: PackageIssue[] = []
  const L = PACKAGE_LIMITS
  if (rel.length > L.maxPathLength)
    out.push({ file: rel, path: '', message: `has a path longer than ${L.maxPathLength} characters` })
  if (rel.split('/').length - 1 > L.maxDepth)
    out.push({ file: rel, path: '', message: `is more than ${L.maxDepth} folders deep` })
  if (size > L.maxFileBytes) {
    out.push({
      file: rel,
      path: '',
      message: `is ${formatBytes(size)}; files may be at most ${formatBytes(L.maxFileBytes)}`,
    })
  }
  const problem = fileTypeProblem(rel, head)
  if (problem) out.push({ file: rel, path: '', message: problem })
  return out
}

/** Every file of a package folder, and the issues of its files and totals. */
export function walkPackage(dir: string): { files: PackageFile[]; issues: PackageIssue[] } {
  const files: PackageFile[] = []
  const issues: PackageIssue[] = []
  const visit = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name
      if (isHidden(r)) continue
      const full = path.join(abs, entry.name)
      if (entry.isSymbolicLink()) {
        issues.push({ file: r, path: '', message: 'is a symbolic link; put the real file into the package instead' })
      } else if (entry.isDirectory()) {
        visit(full, r)
      } else if (entry.isFile()) {
        const size = fs.statSync(full).size
        issues.push(...checkFileEntry(r, size, readHead(full)))
        files.push({ rel: r, size })
      } else {
        issues.push({ file: r, path: '', message: 'is not a regular file' })
      }
    }
  }
  visit(dir, '')
  const L = PACKAGE_LIMITS
  if (files.length > L.maxFiles) {
    issues.push({
      file: '(package)',
      path: '',
      message: `has ${files.length} files; a package may have at most ${L.maxFiles}`,
    })
  }
  const total = files.reduce((n, f) => n + f.size, 0)
  if (total > L.maxPackageBytes) {
    issues.push({
      file: '(package)',
      path: '',
      message: `is ${formatBytes(total)} in all; a package may be at most ${formatBytes(L.maxPackageBytes)}`,
    })
  }
  return { files, issues }
}
