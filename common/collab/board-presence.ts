/**
 * The awareness state on a boards document (never stored): where someone looks, their pointer,
 * and the laser. Published on the boards document's own awareness, not on the control document,
 * so pointer moves at 30 Hz never wake the control document's readers. The server stamps `user`
 * from the token, as on every document (PROTOCOL.md, "Presence"), so a learner's client can trust
 * `user.role === 'teacher'` when it follows the teacher.
 */
import { z } from 'zod'
import { presenceUserSchema } from './presence.ts'

const place = z.object({ board: z.string().max(64), page: z.string().max(80) })

export const boardPresenceSchema = z.object({
  user: presenceUserSchema,
  /** The board and page this person has in front of them. */
  view: place.optional(),
  /** Their pointer on that page in page units; `laser` while the laser pointer is on. */
  cursor: z
    .object({ page: z.string().max(80), x: z.number().finite(), y: z.number().finite(), laser: z.boolean() })
    .optional(),
})
export type BoardPresence = z.infer<typeof boardPresenceSchema>
