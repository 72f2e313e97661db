/**
 * A Y4M clip of random noise for Chromium's fake camera (`--use-file-for-fake-video-capture`).
 * The default fake camera is so easy to compress that its encoder needs only ~0.5 Mbps, which
 * hides whether the bandwidth estimate would allow more; noise makes the encoder use all it gets.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRng } from './rng.ts'

/** Writes (once per process) a looping 640x480 clip of `frames` noisy frames; returns its path. */
export function noisyCameraClip(width = 640, height = 480, fps = 20, frames = 20, amplitude = 48): string {
  const file = path.join(os.tmpdir(), `atrium-noise-${width}x${height}-${fps}-${frames}-${amplitude}.y4m`)
  if (fs.existsSync(file)) return file
  const rng = createRng(42)
  const ySize = width * height
  const frameBytes = ySize + 2 * (ySize / 4)
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)]
  for (let f = 0; f < frames; f++) {
    const frame = Buffer.alloc(frameBytes)
    // A diagonal gradient that moves each frame, under noise of the given amplitude.
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const base = ((x + y + f * 8) % 256) * 0.6 + 40
        frame[y * width + x] = Math.max(0, Math.min(255, Math.round(base + (rng.next() - 0.5) * amplitude)))
      }
    }
    // Grey chroma: the noise is in brightness only.
    frame.fill(128, ySize)
    parts.push(Buffer.from('FRAME\n'), frame)
  }
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, Buffer.concat(parts))
  fs.renameSync(tmp, file)
  return file
}
