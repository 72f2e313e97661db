/**
 * The plain values inside the boards document: item kinds, styles, geometry, page backgrounds.
 * Every value read from the document is checked against these schemas (a peer may write
 * anything); an item that fails is not drawn. Spec: PROTOCOL.md, "boards".
 */
import { z } from 'zod'

/** Page coordinates are page units; a page is at most this large on either side. */
export const MAX_PAGE_UNITS = 4096
/** The default page: 16:9, 1600 units wide. */
export const DEFAULT_PAGE_SIZE: readonly [number, number] = [1600, 900]

const coord = z
  .number()
  .finite()
  .min(-MAX_PAGE_UNITS)
  .max(2 * MAX_PAGE_UNITS)
const extent = z
  .number()
  .finite()
  .min(0)
  .max(2 * MAX_PAGE_UNITS)

/** `#rrggbb`. */
export const boardColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i)

export const styleSchema = z.object({
  color: boardColorSchema,
  /** Line or ink width in page units. */
  width: z.number().finite().min(0.5).max(200),
  /** Fill colour of rectangles and ellipses. */
  fill: boardColorSchema.optional(),
})
export type ItemStyle = z.infer<typeof styleSchema>

/** A box: rectangles, ellipses, text, notes, images. */
export const boxSchema = z.object({ x: coord, y: coord, w: extent, h: extent })
export type Box = z.infer<typeof boxSchema>
/** A segment: lines and arrows. */
export const segmentSchema = z.object({ x1: coord, y1: coord, x2: coord, y2: coord })
export type Segment = z.infer<typeof segmentSchema>

export const INK_KINDS = ['ink', 'highlighter'] as const
export const SEGMENT_KINDS = ['line', 'arrow'] as const
export const BOX_KINDS = ['rect', 'ellipse', 'text', 'note', 'image'] as const
export const ITEM_KINDS = [...INK_KINDS, ...SEGMENT_KINDS, ...BOX_KINDS] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const common = { id: z.string().min(1).max(64), page: z.string().min(1).max(80), by: z.string().max(64), z: z.number() }

/** A board item as read from the document (points decoded separately for ink). */
export const boardItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.enum(INK_KINDS), style: styleSchema, pressure: z.boolean() }),
  z.object({ ...common, kind: z.enum(SEGMENT_KINDS), style: styleSchema, geom: segmentSchema }),
  z.object({ ...common, kind: z.enum(['rect', 'ellipse']), style: styleSchema, geom: boxSchema }),
  z.object({
    ...common,
    kind: z.enum(['text', 'note']),
    style: styleSchema,
    geom: boxSchema,
    text: z.string().max(4000),
  }),
  z.object({ ...common, kind: z.literal('image'), geom: boxSchema, asset: sha256 }),
])
export type BoardItem = z.infer<typeof boardItemSchema>
export type InkItem = Extract<BoardItem, { kind: 'ink' | 'highlighter' }>

/** What is under the items of a page. */
export const backgroundSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('grid'), spacing: z.number().min(10).max(400).default(50) }),
  /** Page `page` (0-based) of an uploaded PDF, `asset` its content hash. */
  z.object({ kind: z.literal('pdf'), asset: sha256, page: z.int().min(0).max(9999) }),
  z.object({ kind: z.literal('image'), asset: sha256 }),
])
export type Background = z.infer<typeof backgroundSchema>

export const pageSizeSchema = z.tuple([z.number().min(16).max(MAX_PAGE_UNITS), z.number().min(16).max(MAX_PAGE_UNITS)])

/** A page as read from the document. */
export const boardPageSchema = z.object({
  id: z.string().min(1).max(80),
  board: z.string().min(1).max(64),
  order: z.number().finite(),
  size: pageSizeSchema,
  bg: backgroundSchema,
})
export type BoardPage = z.infer<typeof boardPageSchema>
