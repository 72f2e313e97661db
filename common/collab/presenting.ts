/**
 * What the teacher presents, kept in the control document's `settings` map (moderators write):
 *   focus          { kind: 'stage' | 'lab' } | { kind: 'board', id }, with `at` (ms): where
 *                  following learners look ("follow me"); a new `at` re-centres everyone.
 *   spotlight      { identity, at }: who is on the main screen and heard everywhere; the identity
 *                  may be the room device's (its camera). Absent: the teacher.
 *   projectorView  { view, at }: what the classroom's projector shows (room, board, lab, gallery).
 * Spec: common/protocol/PROTOCOL.md, "Presenting".
 */
import { z } from 'zod'

export const PresentingKeys = { focus: 'focus', spotlight: 'spotlight', projectorView: 'projectorView' } as const

const at = z.number().finite()

export const focusSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stage'), at }),
  z.strictObject({ kind: z.literal('lab'), at }),
  z.strictObject({ kind: z.literal('board'), id: z.string().min(1).max(64), at }),
])
export type Focus = z.infer<typeof focusSchema>

export const spotlightSchema = z.strictObject({ identity: z.string().min(1).max(64), at })
export type Spotlight = z.infer<typeof spotlightSchema>

export const PROJECTOR_VIEWS = ['room', 'board', 'lab', 'gallery'] as const
export type ProjectorViewKind = (typeof PROJECTOR_VIEWS)[number]
export const projectorViewSchema = z.strictObject({ view: z.enum(PROJECTOR_VIEWS), at })
export type ProjectorViewSetting = z.infer<typeof projectorViewSchema>
