import { z } from 'zod'

export const DISPLAY_NAME_MAX = 64

// C0/C1 controls plus the bidirectional overrides and isolates, which can make a name render as
// someone else's.
const forbidden = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

/** A person's display name: trimmed, 1–64 characters (code points), no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .refine((s) => s.length > 0, 'must not be empty')
  .refine((s) => [...s].length <= DISPLAY_NAME_MAX, `must be at most ${DISPLAY_NAME_MAX} characters`)
  .refine((s) => !forbidden.test(s), 'must not contain control characters')
