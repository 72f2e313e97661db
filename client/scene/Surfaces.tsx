import { useMemo } from 'react'
import { useStore } from 'zustand'
import type { Board, Scene, Screen } from '#common/scene/schema.ts'
import type { Role } from '#common/roles.ts'
import { toRadians } from './transforms.ts'
import { BoardSurface3D } from '../boards/BoardSurface3D.tsx'
import { ScreenVideo } from './ScreenVideo.tsx'
import { mediaStore } from '../state/media-store.ts'
import { controlStore } from '../state/control-store.ts'
import { useSession } from '../state/use-session.ts'
import { screenFeeds, type ScreenFeed } from '../state/screen-feeds.ts'

const FRAME = 0.08

/** A framed flat surface: screens are dark until something is shown, boards are white. */
function Surface({
  item,
  color,
  frame,
  name,
  board,
  feed,
}: {
  item: Screen | Board
  color: string
  frame: string
  name: string
  board?: Board
  feed?: ScreenFeed
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
          <meshStandardMaterial color={feed ? '#000000' : color} roughness={0.9} />
        </mesh>
      )}
      {feed && <ScreenVideo screenId={item.id} feed={feed} size={item.size} />}
    </group>
  )
}

/** Which live video each screen shows (main: presenter; side: cameras, speaking first; window: the room). */
function useFeeds(scene: Scene): Map<string, ScreenFeed> {
  const remotes = useStore(mediaStore, (s) => s.remotes)
  const speakers = useStore(mediaStore, (s) => s.speakers)
  const spotlight = useStore(controlStore, (s) => s.presenting.spotlight?.identity)
  const participants = useSession((s) => s.participants)
  return useMemo(() => {
    const roles = new Map<string, Role>(participants.map((p) => [p.identity, p.role]))
    const feeds = screenFeeds({ remotes, speakers, roles, spotlight })
    const out = new Map<string, ScreenFeed>()
    let side = 0
    for (const s of scene.screens) {
      const feed = s.role === 'main' ? feeds.main : s.role === 'window' ? feeds.window : feeds.side[side++]
      if (feed) out.set(s.id, feed)
    }
    return out
  }, [scene.screens, remotes, speakers, spotlight, participants])
}

export function Surfaces({ scene }: { scene: Scene }) {
  const feeds = useFeeds(scene)
  return (
    <group>
      {scene.screens.map((s) => (
        <Surface
          key={s.id}
          item={s}
          name={`screen:${s.id}`}
          color={s.role === 'window' ? '#8fa9bf' : '#1d2430'}
          frame="#333842"
          feed={feeds.get(s.id)}
        />
      ))}
      {scene.boards.map((b) => (
        <Surface key={b.id} item={b} board={b} name={`board:${b.id}`} color="#fbfbf8" frame="#9aa3ad" />
      ))}
    </group>
  )
}
