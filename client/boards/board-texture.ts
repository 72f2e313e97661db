/** The 3D texture of a board's page canvas, one per renderer, uploaded only after a redraw. */
import { CanvasTexture, SRGBColorSpace } from 'three'
import type { PageRenderer } from './page-renderer.ts'

interface BoardTexture {
  texture: CanvasTexture
  /** The renderer version last uploaded. */
  seen: number
}

const textures = new WeakMap<PageRenderer, BoardTexture>()

export function boardTexture(renderer: PageRenderer): BoardTexture {
  let t = textures.get(renderer)
  if (!t) {
    const texture = new CanvasTexture(renderer.canvas)
    texture.colorSpace = SRGBColorSpace
    texture.anisotropy = 4
    t = { texture, seen: -1 }
    textures.set(renderer, t)
  }
  return t
}
