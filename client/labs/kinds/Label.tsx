import { useEffect, useMemo } from 'react'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { pickText } from '#common/scene/text.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { useLabContext } from '../lab-context.ts'
import { createTextTexture } from '../text-texture.ts'

/** Text in the room; `height` is the letter height in metres. */
export function Label({ object }: { object: LabObjectOf<'label'> }) {
  const { lang } = useLabContext()
  const text = pickText(object.text, lang)
  // Width follows the text length so letters keep their height; CJK characters count double.
  const units = [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0)
  const width = Math.max(object.height * 2, units * object.height * 1.05)
  const height = object.height * 1.6
  const tex = useMemo(() => createTextTexture(1024, Math.max(32, Math.round((1024 * height) / width))), [width, height])
  useEffect(() => {
    tex.draw({ background: object.background, color: object.color, lines: [[text, 1]] })
  }, [tex, text, object.background, object.color])
  useEffect(() => () => tex.texture.dispose(), [tex])
  return (
    <ObjectFrame object={object}>
      <mesh>
        <planeGeometry args={[width, height]} />
        <meshBasicMaterial map={tex.texture} transparent={!object.background} toneMapped={false} />
      </mesh>
    </ObjectFrame>
  )
}
