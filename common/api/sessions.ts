/** `POST /api/sessions` and `GET /api/sessions/:id`. See docs/api.md. */
import { z } from 'zod'
import { sceneIdSchema } from '../ids.ts'
import { ROLES, type Role } from '../roles.ts'

export const SESSION_TITLE_MAX = 200

export const createSessionRequestSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(SESSION_TITLE_MAX, `must be at most ${SESSION_TITLE_MAX} characters`),
  scene: sceneIdSchema.optional(),
})
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>

const perRole = z.object(Object.fromEntries(ROLES.map((r) => [r, z.string()])) as Record<Role, z.ZodString>)

export const createSessionResponseSchema = z.object({
  id: z.string(),
  title: z.string(),
  scene: z.string(),
  /** Role-scoped invite codes, for systems that integrate Atrium. */
  invites: perRole,
  /** Absolute URLs a person opens to join with the matching invite. */
  links: perRole,
})
export type CreateSessionResponse = z.infer<typeof createSessionResponseSchema>

export const SESSION_STATUSES = ['open', 'live', 'ended'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

export const sessionInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  scene: z.string(),
  /** `open`: nobody is in; `live`: at least one participant is connected; `ended`: closed by the teacher. */
  status: z.enum(SESSION_STATUSES),
  participantCount: z.number().int().nonnegative(),
  createdAt: z.string(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>
