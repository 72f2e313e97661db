/** Moderator actions on a session (docs/api.md, "Running the session"). */
import { z } from 'zod'
import { sceneIdSchema } from '../ids.ts'
import { ROLES } from '../roles.ts'
import { SESSION_TITLE_MAX } from './sessions.ts'

export const updateSessionRequestSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'must not be empty').max(SESSION_TITLE_MAX).optional(),
    scene: sceneIdSchema.optional(),
    locked: z.boolean().optional(),
    waitingRoom: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'must change at least one of title, scene, locked, waitingRoom')
export type UpdateSessionRequest = z.infer<typeof updateSessionRequestSchema>

export const inviteExpiryRequestSchema = z.strictObject({
  /** When the invite stops working (ISO 8601), or `null` for never. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
})

export const invitesResponseSchema = z.object({
  invites: z.array(
    z.object({ role: z.enum(ROLES), code: z.string(), link: z.string(), expiresAt: z.string().nullable() }),
  ),
})
export type InvitesResponse = z.infer<typeof invitesResponseSchema>
