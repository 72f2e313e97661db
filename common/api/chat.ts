/** `POST /api/sessions/:id/chat`. Messages appear in the control document's `chat` array. */
import { z } from 'zod'

export const CHAT_MAX = 2000

// Control characters other than line breaks and tabs, and bidi overrides.
const forbidden = /(?![\t\n\r])[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

export const chatRequestSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .refine((s) => [...s].length <= CHAT_MAX, `must be at most ${CHAT_MAX} characters`)
    .refine((s) => !forbidden.test(s), 'must not contain control characters'),
})

/** One chat message as stored in the control document. */
export const chatMessageSchema = z.object({
  id: z.string(),
  identity: z.string(),
  name: z.string(),
  role: z.string(),
  text: z.string(),
  at: z.number(),
})
export type ChatMessage = z.infer<typeof chatMessageSchema>
