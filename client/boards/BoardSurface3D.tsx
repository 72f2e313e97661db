import { useEffect, useRef } from 'react'
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import type { Mesh } from 'three'
import type { Board } from '#common/scene/schema.ts'
import { boardStore, currentPage } from './board-store.ts'
import { currentBoards, currentTool } from './boards-controller.ts'
import { boardTexture, uploadRedrawn } from './board-texture.ts'
import { registerSurface } from './board-surfaces.ts'

/**
 * A board of the 3D room showing its page canvas as a texture (only the redrawn region is
 * uploaded, board-texture.ts). Pointer events (mouse and touch through R3F's raycast; a headset's controller
 * trigger or hand pinch through @react-three/xr's pointers, which call the same handlers) carry
 * the hit's UV, which is the page point.
 */
export function BoardSurface3D({ board }: { board: Board }) {
  const renderer = currentBoards()?.renderers.get(board.id)
  const texture = renderer ? boardTexture(renderer).texture : undefined
  const mesh = useRef<Mesh>(null)
  const gl = useThree((s) => s.gl)
  const getThree = useThree((s) => s.get)
  const [bw, bh] = board.size

  useEffect(() => {
    if (!mesh.current) return
    return registerSurface(board.id, {
      mesh: mesh.current,
      camera: () => getThree().camera,
      dom: gl.domElement,
      size: [bw, bh],
    })
  }, [board.id, gl, getThree, bw, bh])

  useFrame(() => {
    const r = currentBoards()?.renderers.get(board.id)
    if (!r || !mesh.current) return
    const t = boardTexture(r)
    if (r.version === t.seen) return
    t.seen = r.version
    uploadRedrawn(gl, t, r)
    // Fit the page into the board, keeping its aspect.
    const [pw, ph] = r.page?.size ?? [16, 9]
    const k = Math.min(bw / pw, bh / ph)
    mesh.current.scale.set((pw * k) / bw, (ph * k) / bh, 1)
  })

  const toPage = (e: ThreeEvent<PointerEvent>): [number, number] | undefined => {
    const page = currentPage(boardStore.getState(), board.id)
    if (!e.uv || !page) return undefined
    return [e.uv.x * page.size[0], (1 - e.uv.y) * page.size[1]]
  }
  const pressure = (e: ThreeEvent<PointerEvent>) => (e.pointerType === 'pen' ? e.nativeEvent.pressure : undefined)

  return (
    <mesh
      ref={mesh}
      name={`board-surface:${board.id}`}
      onPointerDown={(e) => {
        const p = toPage(e)
        if (!p) return
        e.stopPropagation()
        ;(e.target as unknown as Element).setPointerCapture?.(e.pointerId)
        if (boardStore.getState().board !== board.id) boardStore.setState({ board: board.id })
        currentTool()?.down(board.id, p[0], p[1], pressure(e))
        // A drag that draws (or points the laser) must not also turn the view: keep the event from
        // the room's drag-to-look around the canvas. Someone who may not draw still looks around.
        if (currentTool()?.active) (e.nativeEvent as Partial<Event>).stopPropagation?.()
      }}
      onPointerMove={(e) => {
        const p = toPage(e)
        if (p) currentTool()?.move(board.id, p[0], p[1], pressure(e))
      }}
      onPointerUp={() => currentTool()?.up()}
      onPointerLeave={() => {
        if (!currentTool()?.active) currentBoards()?.setCursor(undefined)
      }}
    >
      <planeGeometry args={[bw, bh]} />
      {texture ? <meshBasicMaterial map={texture} toneMapped={false} /> : <meshStandardMaterial color="#fbfbf8" />}
    </mesh>
  )
}
