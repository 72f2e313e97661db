/**
 * zod's issues in words an author acts on: the wrong field named, the allowed values listed,
 * and what to do. Only the messages zod writes for us are rewritten; our own pass through.
 */
import type { z } from 'zod'
import type { FieldIssue } from '../errors.ts'

/** Formats a zod/JSON path the way authors read it: `seats[3].position`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else out += out ? `.${String(p)}` : String(p)
  }
  return out || '(root)'
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined
    v = (v as Record<PropertyKey, unknown>)[p]
  }
  return v
}

/** One zod issue → one or more field issues (an unknown key becomes an issue at that key). */
export function describeZodIssue(issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
  const at = formatPath(issue.path)
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        path: formatPath([...issue.path, k]),
        message: 'is not a field here; check its spelling or remove it (scenes/FORMAT.md lists the fields)',
      }))
    case 'invalid_union': {
      const note = (issue as { note?: string }).note
      const options = /Expected (.*)$/.exec(issue.message)?.[1]
      if (note === 'No matching discriminator' || options) {
        const got = valueAt(input, issue.path)
        const allowed = options ? options.replaceAll("'", '"').replaceAll(' | ', ', ') : 'the documented values'
        return [{ path: at, message: `is ${JSON.stringify(got)}; it must be one of ${allowed}` }]
      }
      return [{ path: at, message: issue.message }]
    }
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return [{ path: at, message: `is required (${issue.expected})` }]
      return [{ path: at, message: `must be a ${issue.expected}, not ${JSON.stringify(valueAt(input, issue.path))}` }]
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array' && Array.isArray(valueAt(input, issue.path))) {
        const n = (valueAt(input, issue.path) as unknown[]).length
        const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`
        return [{ path: at, message: `has ${n} item${n === 1 ? '' : 's'}; it needs ${bound}` }]
      }
      return [{ path: at, message: issue.message.replace(/^Too (small|big): expected \w+ to (be|have) /, 'must be ') }]
    default:
      return [{ path: at, message: issue.message }]
  }
}
