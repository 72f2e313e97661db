/**
 * The outline of an ink stroke, the same on every side: the browser fills it on its canvas and the
 * server draws it into exported PDFs, so ink looks alike everywhere.
 */
import { getStroke } from 'perfect-freehand'
import type { InkPoint } from './board-points.ts'

/** The closed outline polygon of a stroke in page units ([x, y] pairs). */
export function inkOutlinePoints(
  points: readonly InkPoint[],
  width: number,
  pressure: boolean,
  highlighter: boolean,
): number[][] {
  const input = points.map((p) => (pressure ? [p.x, p.y, p.p ?? 0.5] : [p.x, p.y]))
  return getStroke(input, {
    size: width,
    thinning: highlighter ? 0 : pressure ? 0.6 : 0.5,
    smoothing: 0.5,
    streamline: 0.4,
    simulatePressure: !pressure && !highlighter,
    last: true,
  })
}

/** How opaque a kind of ink is drawn. */
export const HIGHLIGHTER_ALPHA = 0.35
