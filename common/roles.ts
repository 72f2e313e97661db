/**
 * Participant roles. Each invite link carries exactly one role; the server derives every right
 * (documents, media grants, console actions) from it.
 */
import { z } from 'zod'

export const ROLES = ['teacher', 'assistant', 'learner', 'onsite', 'room', 'observer'] as const
export type Role = (typeof ROLES)[number]
export const roleSchema = z.enum(ROLES)

/** Roles that sit in the physical classroom: their devices play no session audio by default. */
export function isOnsiteRole(role: Role): boolean {
  return role === 'onsite' || role === 'room'
}

/** Roles that run the lesson (write the control document, moderate). */
export function isModerator(role: Role): boolean {
  return role === 'teacher' || role === 'assistant'
}
