/**
 * Text drawn on a canvas and used as a texture: readouts, timers, meters and labels. The
 * browser's own fonts draw Chinese and English alike, with nothing fetched from a CDN.
 */
import { CanvasTexture, SRGBColorSpace } from 'three'

export interface TextStyle {
  background: string | undefined
  color: string
  /** Lines: [text, relative size]. */
  lines: readonly (readonly [string, number])[]
}

const FONT = "system-ui, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

export function createTextTexture(
  width: number,
  height: number,
): { texture: CanvasTexture; draw(style: TextStyle): void } {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')!
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  return {
    texture,
    draw(style) {
      ctx.clearRect(0, 0, width, height)
      if (style.background) {
        ctx.fillStyle = style.background
        ctx.fillRect(0, 0, width, height)
      }
      const total = style.lines.reduce((n, [, size]) => n + size, 0)
      let y = 0
      ctx.fillStyle = style.color
      ctx.textAlign = 'center'
      ctx.textBaseline = 'middle'
      for (const [text, size] of style.lines) {
        const h = (height * size) / total
        let px = Math.floor(h * 0.72)
        ctx.font = `600 ${px}px ${FONT}`
        // Shrink long texts to fit the width rather than cut them.
        while (px > 8 && ctx.measureText(text).width > width * 0.94) {
          px -= 2
          ctx.font = `600 ${px}px ${FONT}`
        }
        ctx.fillText(text, width / 2, y + h / 2)
        y += h
      }
      texture.needsUpdate = true
    },
  }
}
