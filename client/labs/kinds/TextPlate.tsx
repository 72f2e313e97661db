import { useEffect, useMemo } from 'react'
import type { LocalizedText } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import { useLabContext } from '../lab-context.ts'
import { createTextTexture } from '../text-texture.ts'

/** A small caption lying on the bench in front of a control (static text). */
export function TextPlate({
  text,
  position,
  width,
  upright = false,
}: {
  text: LocalizedText | undefined
  position: [number, number, number]
  width: number
  upright?: boolean
}) {
  const { lang } = useLabContext()
  const shown = pickText(text, lang)
  const tex = useMemo(() => createTextTexture(512, 96), [])
  useEffect(() => {
    tex.draw({ background: undefined, color: '#1d232b', lines: [[shown, 1]] })
  }, [tex, shown])
  useEffect(() => () => tex.texture.dispose(), [tex])
  if (!shown) return null
  return (
    <mesh position={position} rotation={upright ? [0, 0, 0] : [-Math.PI / 2, 0, 0]}>
      <planeGeometry args={[width, (width * 96) / 512]} />
      <meshBasicMaterial map={tex.texture} transparent depthWrite={false} />
    </mesh>
  )
}
