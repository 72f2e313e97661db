/** Moderating audio from the console (docs/api.md, "Audio moderation"). */
import { z } from 'zod'

/** `PUT …/media/participants/:identity/speaking`: allow or revoke the microphone. */
export const speakingRequestSchema = z.strictObject({
  allowed: z.boolean(),
})
export type SpeakingRequest = z.infer<typeof speakingRequestSchema>

/** How many microphones a mute silenced (0 when they were already muted). */
export const muteResponseSchema = z.object({ muted: z.number().int().nonnegative() })
export type MuteResponse = z.infer<typeof muteResponseSchema>

export const speakingResponseSchema = z.object({ identity: z.string(), allowed: z.boolean() })
export type SpeakingResponse = z.infer<typeof speakingResponseSchema>

/** `POST …/media/token`: a media token for the room this person belongs in now. */
export const mediaTokenRequestSchema = z.strictObject({
  /** Moderators: the breakout group to visit. Learners may name only their own group. */
  group: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be a group id')
    .optional(),
})
export type MediaTokenRequest = z.infer<typeof mediaTokenRequestSchema>

export const mediaTokenResponseSchema = z.object({
  url: z.string(),
  token: z.string(),
  room: z.string(),
  /** The breakout group of that room, or `null` for the session's main room. */
  group: z.string().nullable(),
})
export type MediaTokenResponse = z.infer<typeof mediaTokenResponseSchema>
