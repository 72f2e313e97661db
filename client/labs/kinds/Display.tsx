import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { LocalizedText } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import { useLabContext } from '../lab-context.ts'
import { createTextTexture } from '../text-texture.ts'
import { displayKey, formatValue } from '../format.ts'

/**
 * A flat panel showing a caption and a live value. The text is redrawn only when the shown
 * digits change (at most ten times a second), so nothing is allocated on ordinary frames.
 */
export function Display({
  label,
  read,
  decimals,
  unit,
  size,
  onClick,
  colors = { background: '#10161f', text: '#7cf2a4' },
}: {
  label: LocalizedText | undefined
  read: () => number
  decimals: number
  unit: string
  size: readonly [number, number]
  onClick?: () => void
  colors?: { background: string; text: string }
}) {
  const { lang } = useLabContext()
  const caption = pickText(label, lang)
  const tex = useMemo(() => createTextTexture(512, Math.round((512 * size[1]) / size[0])), [size])
  const last = useRef({ key: Number.NaN, at: 0, caption: '' })
  const draw = (value: number) =>
    tex.draw({
      background: colors.background,
      color: colors.text,
      lines: caption
        ? [
            [caption, 0.8],
            [formatValue(value, decimals, unit), 1.4],
          ]
        : [[formatValue(value, decimals, unit), 1]],
    })
  useEffect(() => () => tex.texture.dispose(), [tex])
  useFrame(() => {
    const value = read()
    const key = displayKey(value, decimals)
    const l = last.current
    const now = performance.now()
    const changed = !Object.is(key, l.key) || l.caption !== caption
    if (!changed || (now - l.at < 100 && l.caption === caption)) return
    l.key = key
    l.at = now
    l.caption = caption
    draw(value)
  })
  return (
    <mesh onClick={onClick}>
      <planeGeometry args={[size[0], size[1]]} />
      <meshBasicMaterial map={tex.texture} toneMapped={false} />
    </mesh>
  )
}
