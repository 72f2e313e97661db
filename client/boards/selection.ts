/**
 * Keyboard work on the selected item (accessibility: everything the select tool does by pointer):
 * move, resize, remove, step through the items of the page. Pure geometry here; boards-controller
 * applies it to the document as one undo step per key press.
 */
import type { Box, BoardItem, Segment } from '#common/collab/board-schema.ts'

/** Page units one arrow key press moves or resizes by. */
export const NUDGE = 10
/** Smallest width and height a box is resized to. */
export const MIN_SIZE = 8

/** A box moved by (dx, dy), or resized by them from its top left corner. */
export function nudged(geom: Box | Segment, dx: number, dy: number, resize: boolean): Box | Segment {
  if ('x1' in geom) {
    // Lines and arrows: moving shifts both ends, resizing moves the end.
    return resize
      ? { ...geom, x2: geom.x2 + dx, y2: geom.y2 + dy }
      : { x1: geom.x1 + dx, y1: geom.y1 + dy, x2: geom.x2 + dx, y2: geom.y2 + dy }
  }
  return resize
    ? { ...geom, w: Math.max(MIN_SIZE, geom.w + dx), h: Math.max(MIN_SIZE, geom.h + dy) }
    : { ...geom, x: geom.x + dx, y: geom.y + dy }
}

/** The arrow keys as a direction. */
export const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
}

/** The item after (or before, `step` -1) `current` among the page's movable items, in draw order. */
export function stepSelection(
  items: readonly BoardItem[],
  current: string | undefined,
  step: 1 | -1,
): string | undefined {
  const movable = items.filter((i) => 'geom' in i)
  if (movable.length === 0) return undefined
  const at = movable.findIndex((i) => i.id === current)
  const next = at < 0 ? (step > 0 ? 0 : movable.length - 1) : (at + step + movable.length) % movable.length
  return movable[next]!.id
}
