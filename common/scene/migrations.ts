/**
 * Ordered migrations of scene.json. Each entry upgrades a document from `from` to `from + 1`;
 * reading is lenient (any past version loads), writing is strict (tools write the current one).
 * A breaking change adds one entry here and a fixture of the old version under
 * test/fixtures/scenes/v<N>/.
 */
import type { FieldIssue } from '../errors.ts'
import { SCENE_FORMAT_VERSION } from './schema.ts'

type Json = Record<string, unknown>

interface Migration {
  from: number
  /** What changed, for FORMAT.md's history and `scene upgrade`'s output. */
  why: string
  up(doc: Json): Json
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** 1 → 2: primitives name their dimensions instead of sharing `size: [x, y, z]`. */
function primitiveV1toV2(p: unknown): unknown {
  if (!isObject(p) || !Array.isArray(p.size)) return p
  const { size, ...rest } = p
  const [a, b, c] = size as unknown[]
  switch (p.shape) {
    case 'cylinder':
      // v1 drew cylinderGeometry(size[0] top, size[2] bottom, size[1] height).
      return a === c ? { ...rest, radius: c, height: b } : { ...rest, radius: c, height: b, radiusTop: a }
    case 'sphere':
      return { ...rest, radius: a }
    case 'plane':
      return { ...rest, size: [a, b] }
    default:
      return p
  }
}

const migrations: readonly Migration[] = [
  {
    from: 1,
    why: 'primitives: cylinder {radius, height, radiusTop?}, sphere {radius}, plane {size: [w, h]}; optional lab section',
    up: (doc) => (Array.isArray(doc.primitives) ? { ...doc, primitives: doc.primitives.map(primitiveV1toV2) } : doc),
  },
]

/** Every past version's change, oldest first. */
export const MIGRATION_NOTES: readonly { from: number; why: string }[] = migrations.map(({ from, why }) => ({
  from,
  why,
}))

export type MigrationResult = { ok: true; value: unknown; from: number } | { ok: false; issues: FieldIssue[] }

/** Upgrades any past formatVersion to the current one; refuses future and malformed versions. */
export function migrateScene(json: unknown): MigrationResult {
  if (!isObject(json)) {
    return { ok: false, issues: [{ path: '(root)', message: 'must be a JSON object' }] }
  }
  let doc = json
  const version = doc.formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, issues: [{ path: 'formatVersion', message: 'must be an integer of at least 1' }] }
  }
  if (version > SCENE_FORMAT_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'formatVersion',
          message: `is ${version}, newer than this Atrium understands (${SCENE_FORMAT_VERSION}); update Atrium`,
        },
      ],
    }
  }
  for (const m of migrations) {
    if ((doc.formatVersion as number) === m.from) doc = { ...m.up(doc), formatVersion: m.from + 1 }
  }
  return { ok: true, value: doc, from: version }
}
