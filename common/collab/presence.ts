/**
 * The awareness state each participant publishes on the session's control document.
 * `user` is overwritten by the server with the identity from the collab token, so it can be
 * trusted by every reader; everything else is the participant's own claim.
 */
import { z } from 'zod'
import { roleSchema } from '../roles.ts'

export const PLACES = ['remote', 'onsite'] as const
export type Place = (typeof PLACES)[number]
export const DEVICES = ['browser', 'headset'] as const
export type Device = (typeof DEVICES)[number]

export const presenceUserSchema = z.object({
  identity: z.string(),
  name: z.string(),
  role: roleSchema,
})
export type PresenceUser = z.infer<typeof presenceUserSchema>

export const presenceSchema = z.object({
  user: presenceUserSchema,
  /** Where the person is: in the physical classroom or elsewhere. */
  place: z.enum(PLACES),
  /** What they joined with. */
  device: z.enum(DEVICES),
  /** Milliseconds since the epoch when the hand went up; absent when it is down. */
  handRaisedAt: z.number().optional(),
  /** The scene seat this person sits on (an id from the scene's `seats`), if any. */
  seat: z.string().max(64).optional(),
})
export type Presence = z.infer<typeof presenceSchema>

/** The awareness field the server overwrites; clients never set it themselves. */
export const PRESENCE_USER_FIELD = 'user'
