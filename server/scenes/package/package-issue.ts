/** One problem in a scene package: which file, where inside it (a JSON path), and what to do. */
export interface PackageIssue {
  /** Path inside the package, e.g. `scene.json`, `models/lens.glb`. */
  file: string
  /** JSON path inside the file (`lab.objects[2].position[1]`), or empty for the file as a whole. */
  path: string
  message: string
}

/** `scene.json: lab.objects[2].value: …` — how the CLI and the API print an issue. */
export function formatIssue(i: PackageIssue): string {
  return i.path ? `${i.file}: ${i.path}: ${i.message}` : `${i.file}: ${i.message}`
}
