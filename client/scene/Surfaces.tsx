import type { Board, Scene, Screen } from '#common/scene/schema.ts'
import { toRadians } from './transforms.ts'
import { BoardSurface3D } from '../boards/BoardSurface3D.tsx'

const FRAME = 0.08

/** A framed flat surface: screens are dark until something is shown, boards are white. */
function Surface({
  item,
  color,
  frame,
  name,
  board,
}: {
  item: Screen | Board
  color: string
  frame: string
  name: string
  board?: Board
}) {
  const [w, h] = item.size
  return (
    <group position={item.position} rotation={toRadians(item.rotation)} name={name}>
      <mesh position={[0, 0, -0.02]}>
        <boxGeometry args={[w + FRAME * 2, h + FRAME * 2, 0.03]} />
        <meshStandardMaterial color={frame} />
      </mesh>
      {board ? (
        <BoardSurface3D board={board} />
      ) : (
        <mesh>
          <planeGeometry args={[w, h]} />
          <meshStandardMaterial color={color} roughness={0.9} />
        </mesh>
      )}
    </group>
  )
}

export function Surfaces({ scene }: { scene: Scene }) {
  return (
    <group>
      {scene.screens.map((s) => (
        <Surface
          key={s.id}
          item={s}
          name={`screen:${s.id}`}
          color={s.role === 'window' ? '#8fa9bf' : '#1d2430'}
          frame="#333842"
        />
      ))}
      {scene.boards.map((b) => (
        <Surface key={b.id} item={b} board={b} name={`board:${b.id}`} color="#fbfbf8" frame="#9aa3ad" />
      ))}
    </group>
  )
}
