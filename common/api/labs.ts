/** `GET /api/time` and `POST|GET /api/sessions/:id/lab-steps`. See docs/api.md. */
import { z } from 'zod'
import { sceneIdSchema } from '../ids.ts'
import { labNameSchema } from '../scene/lab-values.ts'

/** The server's clock, ms since the epoch; clients read the shared lab clock against it. */
export const serverTimeSchema = z.object({ now: z.number() })

export const labStepRecordRequestSchema = z.strictObject({
  scene: sceneIdSchema,
  step: labNameSchema,
  /** The breakout group whose lab it was; absent for the main room. */
  group: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be a breakout group id')
    .optional(),
  /** Server time (ms) of the completion, as written in the lab document. */
  completedAt: z.number().int().positive(),
  /** Identity of the participant whose action completed it. */
  completedBy: z.string().regex(/^p_[23456789a-hjkmnp-z]{12}$/, 'must be a participant identity'),
})
export type LabStepRecordRequest = z.input<typeof labStepRecordRequestSchema>

export const labStepRecordSchema = z.object({
  identity: z.string(),
  name: z.string(),
  role: z.string(),
  scene: z.string(),
  step: z.string(),
  group: z.string().nullable(),
  completedAt: z.string(),
  completedBy: z.string(),
  /** True when this participant's own action completed the step. */
  self: z.boolean(),
})
export type LabStepRecord = z.infer<typeof labStepRecordSchema>
