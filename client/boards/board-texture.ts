/**
 * The 3D texture of a board's page canvas, one per renderer. The first upload and any after a
 * page change take the whole canvas; after that only the region the renderer redrew is copied
 * (`copyTextureToTexture` with a sub-rectangle: one texSubImage2D of those pixels), so a stroke
 * growing at 30 Hz does not re-send 1600 × 900 pixels to the GPU each time.
 */
import { Box2, CanvasTexture, SRGBColorSpace, Vector2, type WebGLRenderer } from 'three'
import type { PageRenderer } from './page-renderer.ts'

export interface TextureUploads {
  full: number
  partial: number
  /** Pixels sent by the last upload, and the canvas's pixel count. */
  lastPixels: number
  canvasPixels: number
  /** Milliseconds the last whole and the last partial upload took on this thread. */
  lastFullMs: number
  lastPartialMs: number
}

interface BoardTexture {
  texture: CanvasTexture
  /** The 3D renderer that uploads it (tests read the texture back through it). */
  gl: WebGLRenderer | undefined
  /** The same canvas as a copy source; never uploaded itself. */
  source: CanvasTexture
  /** The renderer version last uploaded. */
  seen: number
  uploads: TextureUploads
  // Scratch values reused every frame (no allocation in the frame loop).
  rect: { x0: number; y0: number; x1: number; y1: number }
  region: Box2
  at: Vector2
}

const textures = new WeakMap<PageRenderer, BoardTexture>()

export function boardTexture(renderer: PageRenderer): BoardTexture {
  let t = textures.get(renderer)
  if (!t) {
    const texture = new CanvasTexture(renderer.canvas)
    texture.colorSpace = SRGBColorSpace
    texture.anisotropy = 4
    const source = new CanvasTexture(renderer.canvas)
    source.colorSpace = SRGBColorSpace
    t = {
      texture,
      gl: undefined,
      source,
      seen: -1,
      uploads: { full: 0, partial: 0, lastPixels: 0, canvasPixels: 0, lastFullMs: 0, lastPartialMs: 0 },
      rect: { x0: 0, y0: 0, x1: 0, y1: 0 },
      region: new Box2(),
      at: new Vector2(),
    }
    textures.set(renderer, t)
  }
  return t
}

/** Upload counts of a renderer's texture, if it has one. */
export const textureUploads = (renderer: PageRenderer): TextureUploads | undefined => textures.get(renderer)?.uploads

/** Sends what the renderer redrew since the last call to the GPU (called from the frame loop). */
export function uploadRedrawn(gl: WebGLRenderer, t: BoardTexture, renderer: PageRenderer): void {
  const { canvas } = renderer
  t.gl = gl
  const what = renderer.takeRedrawn(t.rect)
  if (what === false) return
  const u = t.uploads
  u.canvasPixels = canvas.width * canvas.height
  const { x0, y0, x1, y1 } = t.rect
  const area = (x1 - x0) * (y1 - y0)
  // A region over half the canvas costs about as much as all of it.
  const started = performance.now()
  if (what === 'all' || u.full === 0 || area * 2 > u.canvasPixels) {
    t.texture.needsUpdate = true
    // Uploaded now rather than at the next draw of the board, so the two paths are timed alike.
    gl.initTexture(t.texture)
    u.full++
    u.lastPixels = u.canvasPixels
    u.lastFullMs = performance.now() - started
    return
  }
  // The texture holds the canvas upside down (flipY), and the browser flips the whole canvas
  // before taking the sub-rectangle: both are in flipped rows.
  const h = canvas.height
  t.region.min.set(x0, h - y1)
  t.region.max.set(x1, h - y0)
  t.at.set(x0, h - y1)
  gl.copyTextureToTexture(t.source, t.texture, t.region, t.at)
  u.partial++
  u.lastPixels = area
  u.lastPartialMs = performance.now() - started
}
