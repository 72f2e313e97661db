/** Breakout groups from the console (docs/api.md, "Breakout groups"). */
import { z } from 'zod'

/** `POST …/breakouts/broadcast`: a message shown to every group and the main room. */
export const broadcastRequestSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
})
export type BroadcastRequest = z.infer<typeof broadcastRequestSchema>

/** `POST …/breakouts/return`: everyone is back; the groups' written pages now end the main boards. */
export const breakoutReturnResponseSchema = z.object({ copiedPages: z.number().int().nonnegative() })
export type BreakoutReturnResponse = z.infer<typeof breakoutReturnResponseSchema>
