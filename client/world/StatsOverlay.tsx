import { useEffect, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'

/**
 * `?stats=1`: frames per second, draw calls and triangles of the last frame, in a corner. Written
 * to the DOM directly twice a second, never through React state.
 */
export function StatsOverlay() {
  const gl = useThree((s) => s.gl)
  const el = useRef<HTMLDivElement | null>(null)
  const acc = useRef({ frames: 0, since: 0 })

  useEffect(() => {
    const div = document.createElement('div')
    div.className = 'stats-overlay'
    div.setAttribute('data-testid', 'stats')
    gl.domElement.parentElement?.appendChild(div)
    el.current = div
    return () => div.remove()
  }, [gl])

  useFrame(() => {
    const a = acc.current
    a.frames++
    const now = performance.now()
    if (a.since === 0) a.since = now
    if (now - a.since < 500 || !el.current) return
    const fps = (a.frames * 1000) / (now - a.since)
    el.current.textContent = `${fps.toFixed(0)} fps · ${gl.info.render.calls} draw calls · ${gl.info.render.triangles} triangles`
    a.frames = 0
    a.since = now
    // A positive priority would take over rendering: read the previous frame's numbers instead.
  })
  return null
}
