/**
 * The compact point codec of ink strokes (spec: PROTOCOL.md, "boards", "Ink points").
 *
 * A stroke's points are quantized to half a page unit and written as signed varints of the
 * difference to the previous point (lib0 `writeVarInt`: 6 bits in the first byte, 7 after), so
 * a hand-drawn point costs 2 bytes for x and y, and 1 more byte when the pen reports pressure
 * (0–255). A stroke is stored as a list of chunks appended while it is drawn; the chunks are one
 * byte stream: the first point of the first chunk is relative to (0, 0), every later point to the
 * one before, across chunk borders.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Quantization steps per page unit. */
export const POINT_QUANTUM = 2

/** One sampled point in page units; `p` is pen pressure 0–1 when the device gives it. */
export interface InkPoint {
  x: number
  y: number
  p?: number
}

/** Where an encoder stands after a chunk: the quantized last point, for the next chunk. */
export interface PointCursor {
  qx: number
  qy: number
}

/** The cursor of an empty stroke. */
export const START_CURSOR: Readonly<PointCursor> = { qx: 0, qy: 0 }

const quantize = (v: number) => Math.round(v * POINT_QUANTUM)

/**
 * Encodes points continuing from `cursor`; returns the bytes and the cursor for the next chunk.
 * With `withPressure`, a missing `p` is written as 0.5.
 */
export function encodePoints(
  points: readonly InkPoint[],
  withPressure: boolean,
  cursor: Readonly<PointCursor> = START_CURSOR,
): { bytes: Uint8Array; cursor: PointCursor } {
  const enc = encoding.createEncoder()
  let { qx, qy } = cursor
  for (const pt of points) {
    const x = quantize(pt.x)
    const y = quantize(pt.y)
    encoding.writeVarInt(enc, x - qx)
    encoding.writeVarInt(enc, y - qy)
    if (withPressure) encoding.writeUint8(enc, Math.max(0, Math.min(255, Math.round((pt.p ?? 0.5) * 255))))
    qx = x
    qy = y
  }
  return { bytes: encoding.toUint8Array(enc), cursor: { qx, qy } }
}

/**
 * Decodes a stroke's chunks (in order) into points. Throws on truncated bytes; callers treat such
 * a stroke as unreadable and skip it.
 */
export function decodePoints(chunks: readonly Uint8Array[], withPressure: boolean): InkPoint[] {
  const out: InkPoint[] = []
  let qx = 0
  let qy = 0
  for (const chunk of chunks) {
    const dec = decoding.createDecoder(chunk)
    while (dec.pos < chunk.length) {
      qx += decoding.readVarInt(dec)
      qy += decoding.readVarInt(dec)
      const pt: InkPoint = { x: qx / POINT_QUANTUM, y: qy / POINT_QUANTUM }
      if (withPressure) pt.p = decoding.readUint8(dec) / 255
      // lib0 reads past the end without throwing: a cut-off point is corrupt, not a point.
      if (dec.pos > chunk.length) throw new Error('truncated ink points')
      out.push(pt)
    }
  }
  return out
}

/** The cursor after the given chunks, so a client can continue a stroke it resumed. */
export function cursorAfter(chunks: readonly Uint8Array[], withPressure: boolean): PointCursor {
  const pts = decodePoints(chunks, withPressure)
  const last = pts[pts.length - 1]
  return last ? { qx: quantize(last.x), qy: quantize(last.y) } : { ...START_CURSOR }
}
