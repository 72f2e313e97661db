/**
 * Which video each screen of the scene shows. Pure, so the choice is tested without media:
 *   main    the presenter (spotlight, else the teacher): their screen share, else their camera;
 *   side    others with a camera on, speaking first (the presenter and the room device excluded);
 *   window  the room device's camera: remote learners look into the physical classroom.
 */
import type { Role } from '#common/roles.ts'
import type { RemoteMedia } from '../net/media/media-manager.ts'

export interface ScreenFeed {
  identity: string
  source: 'camera' | 'screen'
  track: MediaStreamTrack
}

export interface FeedInputs {
  remotes: Record<string, RemoteMedia>
  /** Identities speaking now, loudest first. */
  speakers: readonly string[]
  roles: ReadonlyMap<string, Role>
  spotlight: string | undefined
}

/** The presenter: whoever is in the spotlight, else the first teacher present. */
export function presenterOf(roles: ReadonlyMap<string, Role>, spotlight: string | undefined): string | undefined {
  if (spotlight) return spotlight
  for (const [id, role] of roles) if (role === 'teacher') return id
  return undefined
}

function best(m: RemoteMedia | undefined): ScreenFeed | undefined {
  if (!m) return undefined
  if (m.screen) return { identity: m.identity, source: 'screen', track: m.screen }
  if (m.camera) return { identity: m.identity, source: 'camera', track: m.camera }
  return undefined
}

/** The feeds of the main screen, the side screens (in order) and the window. */
export function screenFeeds(input: FeedInputs): { main?: ScreenFeed; side: ScreenFeed[]; window?: ScreenFeed } {
  const presenter = presenterOf(input.roles, input.spotlight)
  const main = presenter ? best(input.remotes[presenter]) : undefined
  let room: ScreenFeed | undefined
  for (const [id, role] of input.roles) {
    const cam = role === 'room' ? input.remotes[id]?.camera : undefined
    if (cam) room = { identity: id, source: 'camera', track: cam }
  }
  const rank = (id: string) => {
    const i = input.speakers.indexOf(id)
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }
  const side = Object.values(input.remotes)
    .filter((m) => m.camera && m.identity !== presenter && input.roles.get(m.identity) !== 'room')
    .sort((a, b) => rank(a.identity) - rank(b.identity) || a.identity.localeCompare(b.identity))
    .map((m) => ({ identity: m.identity, source: 'camera' as const, track: m.camera! }))
  return { main, side, window: room }
}
