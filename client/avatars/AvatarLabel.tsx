import { useEffect, useMemo } from 'react'
import type { Sprite } from 'three'
import { createLabelTexture, LABEL_HEIGHT, LABEL_WIDTH, type LabelSpec } from './label-texture.ts'

const HEIGHT_M = 0.22

/** A name label over an avatar; the Avatars loop positions it through `ref`. */
export function AvatarLabel({ spec, spriteRef }: { spec: LabelSpec; spriteRef: (s: Sprite | null) => void }) {
  const texture = useMemo(
    () => createLabelTexture(spec),
    // Redraw only when what it shows changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [spec.name, spec.detail, spec.accent, spec.handRaised],
  )
  useEffect(() => () => texture.dispose(), [texture])
  return (
    <sprite ref={spriteRef} scale={[(HEIGHT_M * LABEL_WIDTH) / LABEL_HEIGHT, HEIGHT_M, 1]} renderOrder={10}>
      <spriteMaterial map={texture} depthTest={false} transparent />
    </sprite>
  )
}
