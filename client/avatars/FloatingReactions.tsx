/**
 * Reactions float up over the sender's avatar and fade in three seconds. Each emoji is drawn once
 * into a canvas texture (the browser's emoji font); the frame loop moves and fades the sprites.
 */
import { useEffect, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { useStore } from 'zustand'
import { CanvasTexture, SRGBColorSpace, type Sprite } from 'three'
import { REACTION_MS, reactionsStore, type Reaction } from '../state/reactions-store.ts'
import { renderedAvatars, shownReactions } from './avatar-registry.ts'

const SIZE = 128
const textures = new Map<Reaction, CanvasTexture>()

function textureFor(emoji: Reaction): CanvasTexture {
  let t = textures.get(emoji)
  if (!t) {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = SIZE
    const ctx = canvas.getContext('2d')!
    ctx.font = `${SIZE * 0.8}px "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(emoji, SIZE / 2, SIZE / 2 + 6)
    t = new CanvasTexture(canvas)
    t.colorSpace = SRGBColorSpace
    textures.set(emoji, t)
  }
  return t
}

export function FloatingReactions() {
  const shown = useStore(reactionsStore, (s) => s.shown)
  const sprites = useRef(new Map<number, Sprite>())
  useEffect(() => {
    for (const id of [...shownReactions.keys()]) if (!shown.some((r) => r.id === id)) shownReactions.delete(id)
  }, [shown])

  useFrame(() => {
    const now = Date.now()
    for (const r of shown) {
      const sprite = sprites.current.get(r.id)
      const a = renderedAvatars.get(r.identity)
      if (!sprite) continue
      if (!a) {
        sprite.visible = false
        continue
      }
      const k = Math.min(1, (now - r.at) / REACTION_MS)
      sprite.visible = true
      sprite.position.set(a.x, a.y + 0.6 + k * 0.7, a.z)
      ;(sprite.material as { opacity: number }).opacity = 1 - k * k
      let entry = shownReactions.get(r.id)
      if (!entry) {
        entry = { identity: r.identity, emoji: r.emoji, x: 0, y: 0, z: 0 }
        shownReactions.set(r.id, entry)
      }
      entry.x = sprite.position.x
      entry.y = sprite.position.y
      entry.z = sprite.position.z
    }
  })

  return (
    <group name="reactions">
      {shown.map((r) => (
        <sprite
          key={r.id}
          visible={false}
          scale={[0.4, 0.4, 1]}
          renderOrder={11}
          ref={(s) => {
            if (s) sprites.current.set(r.id, s)
            else sprites.current.delete(r.id)
          }}
        >
          <spriteMaterial map={textureFor(r.emoji)} depthTest={false} transparent />
        </sprite>
      ))}
    </group>
  )
}
