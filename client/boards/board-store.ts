/**
 * What this participant's boards UI shows and does: the tool, colour and width, which board and
 * page is in front of them, whether they follow the teacher, and what the document allows.
 * A vanilla store: React reads it with selectors, the input handlers with getState().
 */
import { createStore } from 'zustand/vanilla'
import type { BoardPage, ItemKind } from '#common/collab/board-schema.ts'

export const TOOLS = [
  'pen',
  'highlighter',
  'line',
  'arrow',
  'rect',
  'ellipse',
  'text',
  'note',
  'eraser',
  'select',
  'laser',
] as const
export type Tool = (typeof TOOLS)[number]

export const COLORS = ['#1d232b', '#1d4ed8', '#b91c1c', '#15803d', '#c2410c', '#7e22ce'] as const
export const WIDTHS = [2, 4, 8, 16] as const

/** A sentence for the user, by i18n key under `boards.notice`. */
export type BoardNotice =
  | { kind: 'refused' }
  | { kind: 'uploadFailed'; message: string }
  | { kind: 'uploaded'; pages: number }
  | { kind: 'exported'; format: 'png' | 'pdf' }
  | { kind: 'exportFailed'; message: string }
  | { kind: 'imageAdded' }
  | { kind: 'imageFailed'; message: string }

/** The item picked with the select tool or the keyboard, as last read from the document. */
export interface Selection {
  id: string
  kind: ItemKind
  /** The text of a text item or note. */
  text?: string
}

export interface BoardState {
  boards: string[]
  /** The board the 2D view shows and the toolbar acts on. */
  board: string
  /** The page each board shows. */
  pageOf: Record<string, string>
  /** Pages of every board, in order. */
  pages: Record<string, BoardPage[]>
  tool: Tool
  color: string
  width: number
  /** What the text and note tools write. */
  text: string
  /** Learners follow the teacher's board and page unless they turn this off. */
  follow: boolean
  /** The full-screen 2D board view is open. */
  open2d: boolean
  locked: boolean
  moderator: boolean
  /** The role draws at all (the room device and observers only watch). */
  participates: boolean
  canUndo: boolean
  canRedo: boolean
  notice: BoardNotice | undefined
  selection: Selection | undefined
}

export const boardStore = createStore<BoardState>(() => ({
  boards: [],
  board: '',
  pageOf: {},
  pages: {},
  tool: 'pen',
  color: COLORS[0],
  width: WIDTHS[1],
  text: '',
  follow: true,
  open2d: false,
  locked: false,
  moderator: false,
  participates: true,
  canUndo: false,
  canRedo: false,
  notice: undefined,
  selection: undefined,
}))

/** Whether this participant may draw right now. */
export function canDraw(s: BoardState): boolean {
  return s.participates && (s.moderator || !s.locked)
}

/** The page in front of this participant on `board`. */
export function currentPage(s: BoardState, board = s.board): BoardPage | undefined {
  const pages = s.pages[board] ?? []
  return pages.find((p) => p.id === s.pageOf[board]) ?? pages[0]
}
