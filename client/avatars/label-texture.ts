/**
 * Name labels drawn once into a small canvas and shown as a texture: they use the browser's own
 * fonts (Chinese included, nothing to download) and work inside a headset, where DOM is invisible.
 */
import { CanvasTexture, SRGBColorSpace } from 'three'

export const LABEL_WIDTH = 512
export const LABEL_HEIGHT = 128

export interface LabelSpec {
  name: string
  /** Second line, e.g. the role. */
  detail: string
  accent: string
  handRaised: boolean
}

export function drawLabel(ctx: CanvasRenderingContext2D, spec: LabelSpec): void {
  const w = LABEL_WIDTH
  const h = LABEL_HEIGHT
  ctx.clearRect(0, 0, w, h)
  ctx.fillStyle = 'rgba(255,255,255,0.92)'
  ctx.strokeStyle = spec.accent
  ctx.lineWidth = 8
  ctx.beginPath()
  ctx.roundRect(6, 6, w - 12, h - 12, 28)
  ctx.fill()
  ctx.stroke()
  const left = spec.handRaised ? 110 : 32
  if (spec.handRaised) {
    ctx.fillStyle = '#f0a202'
    ctx.beginPath()
    ctx.arc(64, h / 2, 36, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = '#1d232b'
    ctx.font = 'bold 48px system-ui, sans-serif'
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText('!', 64, h / 2 + 2)
  }
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = '#1d232b'
  ctx.font = 'bold 44px system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif'
  ctx.fillText(spec.name, left, 62, w - left - 28)
  ctx.fillStyle = '#4a5563'
  ctx.font = '32px system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif'
  ctx.fillText(spec.detail, left, 104, w - left - 28)
}

export function createLabelTexture(spec: LabelSpec): CanvasTexture {
  const canvas = document.createElement('canvas')
  canvas.width = LABEL_WIDTH
  canvas.height = LABEL_HEIGHT
  drawLabel(canvas.getContext('2d')!, spec)
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  texture.anisotropy = 4
  return texture
}
