/**
 * The part of the xAPI 1.0.3 statement structure Atrium produces, checked before a statement is
 * stored, so nothing malformed reaches an institution's LRS. Follows xAPI 1.0.3 Part Two §2.4:
 * UUID ids, an Agent with exactly one inverse functional identifier, IRIs for verbs and
 * activities, RFC 5646 language maps, ISO 8601 timestamps and durations, UUID registration.
 */
import { z } from 'zod'

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, 'must be a UUID')
/** An absolute IRI: a scheme, then no spaces. */
const iri = z.string().regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/, 'must be an absolute IRI')
const languageMap = z.record(
  z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be an RFC 5646 tag'),
  z.string(),
)
const isoTimestamp = z.string().datetime({ offset: true })
const isoDuration = z
  .string()
  .regex(
    /^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?W)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$/,
    'must be an ISO 8601 duration',
  )
const extensions = z.record(iri, z.unknown())

export const agentSchema = z
  .strictObject({
    objectType: z.literal('Agent').optional(),
    name: z.string().optional(),
    mbox: z
      .string()
      .regex(/^mailto:/)
      .optional(),
    mbox_sha1sum: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .optional(),
    openid: iri.optional(),
    account: z.strictObject({ homePage: iri, name: z.string().min(1) }).optional(),
  })
  .refine(
    (a) => [a.mbox, a.mbox_sha1sum, a.openid, a.account].filter((x) => x !== undefined).length === 1,
    'an Agent must have exactly one of mbox, mbox_sha1sum, openid, account',
  )

const interactionComponent = z.strictObject({ id: z.string().min(1), description: languageMap.optional() })

export const activitySchema = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: iri,
  definition: z
    .strictObject({
      name: languageMap.optional(),
      description: languageMap.optional(),
      type: iri.optional(),
      moreInfo: iri.optional(),
      interactionType: z
        .enum([
          'true-false',
          'choice',
          'fill-in',
          'long-fill-in',
          'matching',
          'performance',
          'sequencing',
          'likert',
          'numeric',
          'other',
        ])
        .optional(),
      correctResponsesPattern: z.array(z.string()).optional(),
      choices: z.array(interactionComponent).optional(),
      extensions: extensions.optional(),
    })
    .optional(),
})

export const statementSchema = z.strictObject({
  id: uuid,
  actor: agentSchema,
  verb: z.strictObject({ id: iri, display: languageMap.optional() }),
  object: activitySchema,
  result: z
    .strictObject({
      score: z
        .strictObject({
          scaled: z.number().min(-1).max(1).optional(),
          raw: z.number().optional(),
          min: z.number().optional(),
          max: z.number().optional(),
        })
        .optional(),
      success: z.boolean().optional(),
      completion: z.boolean().optional(),
      response: z.string().optional(),
      duration: isoDuration.optional(),
      extensions: extensions.optional(),
    })
    .optional(),
  context: z
    .strictObject({
      registration: uuid.optional(),
      contextActivities: z
        .strictObject({
          parent: z.array(activitySchema).optional(),
          grouping: z.array(activitySchema).optional(),
          category: z.array(activitySchema).optional(),
          other: z.array(activitySchema).optional(),
        })
        .optional(),
      platform: z.string().optional(),
      language: z
        .string()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
        .optional(),
      extensions: extensions.optional(),
    })
    .optional(),
  timestamp: isoTimestamp,
  version: z.literal('1.0.3').optional(),
})
export type Statement = z.infer<typeof statementSchema>
