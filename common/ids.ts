/**
 * Branded identifiers. An id is created only by the parse functions here (at an edge) or by the
 * server's generators, never by an ad-hoc cast, so a SessionId can never be passed where an
 * InviteCode is expected.
 */
import { z } from 'zod'

declare const brand: unique symbol
type Brand<T, B extends string> = T & { readonly [brand]: B }

export type SessionId = Brand<string, 'SessionId'>
export type InviteCode = Brand<string, 'InviteCode'>
export type ParticipantIdentity = Brand<string, 'ParticipantIdentity'>
export type SceneId = Brand<string, 'SceneId'>

/** Alphabet shared by generated ids: lower-case, no look-alikes (0/o, 1/l/i), safe in URLs and paths. */
export const ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz'

const idPattern = new RegExp(`^[${ID_ALPHABET}]+$`)

export const sessionIdSchema = z
  .string()
  .length(10)
  .regex(idPattern, 'must be a session id')
  .transform((s) => s as SessionId)
export const inviteCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .length(12, 'must be a 12-character invite code')
  .regex(idPattern, 'must be a 12-character invite code')
  .transform((s) => s as InviteCode)
export const participantIdentitySchema = z
  .string()
  .regex(/^p_[23456789a-hjkmnp-z]{12}$/, 'must be a participant identity')
  .transform((s) => s as ParticipantIdentity)
/** Scene ids are folder names: lower-case words joined by dots or dashes, e.g. `lecture-hall`, `acme.optics-bench`. */
export const sceneIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be lower-case letters and digits joined by "-" or "."')
  .transform((s) => s as SceneId)

export const SESSION_ID_LENGTH = 10
export const INVITE_CODE_LENGTH = 12
export const PARTICIPANT_ID_LENGTH = 12

export function parseSessionId(value: unknown): SessionId | undefined {
  const r = sessionIdSchema.safeParse(value)
  return r.success ? r.data : undefined
}
