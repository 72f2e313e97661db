/**
 * For tests (through `window.atrium`): reads a board's texture back from the GPU and counts the
 * pixels that differ from its page canvas, which shows whether partial uploads kept the two equal.
 */
import type { Texture, WebGLRenderer } from 'three'

export function textureDiffersFromCanvas(gl: WebGLRenderer, texture: Texture, canvas: HTMLCanvasElement): number {
  const ctx = gl.getContext()
  const handle = (gl.properties.get(texture) as { __webglTexture?: WebGLTexture }).__webglTexture
  if (!handle) return -1
  const { width: w, height: h } = canvas
  const fb = ctx.createFramebuffer()
  const previous = ctx.getParameter(ctx.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null
  ctx.bindFramebuffer(ctx.FRAMEBUFFER, fb)
  ctx.framebufferTexture2D(ctx.FRAMEBUFFER, ctx.COLOR_ATTACHMENT0, ctx.TEXTURE_2D, handle, 0)
  const gpu = new Uint8Array(w * h * 4)
  ctx.readPixels(0, 0, w, h, ctx.RGBA, ctx.UNSIGNED_BYTE, gpu)
  ctx.bindFramebuffer(ctx.FRAMEBUFFER, previous)
  ctx.deleteFramebuffer(fb)
  const cpu = canvas.getContext('2d')!.getImageData(0, 0, w, h).data
  let differing = 0
  for (let y = 0; y < h; y++) {
    // The texture is stored bottom row first (flipY).
    const g = (h - 1 - y) * w * 4
    const c = y * w * 4
    for (let i = 0; i < w * 4; i += 4) {
      if (gpu[g + i] !== cpu[c + i] || gpu[g + i + 1] !== cpu[c + i + 1] || gpu[g + i + 2] !== cpu[c + i + 2]) {
        differing++
      }
    }
  }
  return differing
}
