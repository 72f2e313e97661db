/**
 * The classroom PC's screen, on the projector for the physical class: the virtual room, the
 * board, the lab, or everyone joining from elsewhere, full-screen and without controls. Raised
 * hands and the connection's state are always on top. Keys 1–4 switch views; so does the
 * teacher's console (whichever changed last wins).
 */
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { JoinResponse } from '#common/api/join.ts'
import { PROJECTOR_VIEWS, type ProjectorViewKind } from '#common/collab/presenting.ts'
import type { Scene } from '#common/scene/schema.ts'
import { controlStore } from '../state/control-store.ts'
import { useSession } from '../state/use-session.ts'
import { playerStore } from '../state/player-store.ts'
import { ConnectionStatus } from '../ui/ConnectionStatus.tsx'
import { BoardDisplay } from '../boards/BoardDisplay.tsx'
import { viewpointFor } from '../world/viewpoints.ts'
import { spawnFor } from '../world/spawn.ts'
import { hasWebGL } from '../world/webgl.ts'
import { WorldBoundary } from '../ui/WorldBoundary.tsx'
import { CameraTile } from './CameraTile.tsx'
import { useProjectorPeople, type RemotePerson } from './use-projector-people.ts'
import './projector.css'

const World = lazy(() => import('../world/World.tsx'))
const NOOP = () => {}
/** Camera tiles over the room, board or lab views; the gallery shows everyone. */
const MAX_STRIP = 4
const NO_XR = { handRaised: false, canRaiseHand: false, onHand: NOOP }

export function ProjectorView({ join, scene }: { join: JoinResponse; scene: Scene }) {
  const { t } = useTranslation()
  const participants = useSession((s) => s.participants)
  const collab = useSession((s) => s.collab)
  const chosen = useStore(controlStore, (s) => s.presenting.projectorView)
  // A key press here, until the console chooses again (whichever is newer wins).
  const [local, setLocal] = useState<{ view: ProjectorViewKind; at: number }>()
  const view: ProjectorViewKind = local && (!chosen || local.at > chosen.at) ? local.view : (chosen?.view ?? 'room')
  const [webgl] = useState(hasWebGL)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const next = PROJECTOR_VIEWS[Number(e.key) - 1]
      if (next && !e.ctrlKey && !e.metaKey && !e.altKey) setLocal({ view: next, at: Date.now() })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  // The lab view looks at the lab; the room view from the room's own place.
  useEffect(() => {
    const spawn = spawnFor(scene, 'room')
    const lab = view === 'lab' ? viewpointFor(scene, { kind: 'lab', at: 0 }) : undefined
    const [x, y, z] = spawn.position
    playerStore.setState(
      lab ? { ...lab, seat: undefined, target: undefined } : { x, y, z, yaw: (spawn.rotation[1] * Math.PI) / 180 },
    )
  }, [view, scene])

  const { remote, speaker } = useProjectorPeople(participants, join.participant.identity)
  const cameras = remote.filter((r): r is RemotePerson & { camera: MediaStreamTrack } => r.camera !== undefined)
  const hands = participants
    .filter((p) => p.handRaisedAt !== undefined)
    .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0))
  const threeD = view === 'room' || (view === 'lab' && scene.lab)

  return (
    <main className="projector" data-view={view} aria-label={t('projector.label')}>
      <h1 className="visually-hidden">{join.session.title}</h1>
      {threeD && webgl && (
        <WorldBoundary fallback={null}>
          <Suspense fallback={null}>
            <World
              scene={scene}
              role={join.participant.role}
              me={join.participant.identity}
              label={t('projector.views.' + view)}
              onSeat={NOOP}
              xr={NO_XR}
            />
          </Suspense>
        </WorldBoundary>
      )}
      {view === 'lab' && !scene.lab && <p className="projector-message">{t('projector.noLab')}</p>}
      {view === 'board' && <BoardDisplay />}
      {view === 'gallery' && (
        <ul className="projector-gallery" data-testid="projector-gallery">
          {remote.length === 0 && <li className="projector-message">{t('projector.nobody')}</li>}
          {remote.map(({ participant: p, camera }) => (
            <li key={p.identity} className={p.handRaisedAt !== undefined ? 'hand' : undefined}>
              {camera && <CameraTile track={camera} name={p.name} />}
              <span className="name">{p.name}</span>
            </li>
          ))}
        </ul>
      )}
      {view !== 'gallery' && cameras.length > 0 && (
        <ul className="projector-cameras" data-testid="projector-cameras">
          {cameras.slice(0, MAX_STRIP).map(({ participant: p, camera }) => (
            <li key={p.identity}>
              <CameraTile track={camera} name={p.name} />
              <span className="name">{p.name}</span>
            </li>
          ))}
        </ul>
      )}
      {speaker && (
        <p className="projector-speaker" data-testid="projector-speaker">
          {t('projector.speaking', { name: speaker.name })}
        </p>
      )}
      {hands.length > 0 && (
        <aside className="projector-hands" aria-label={t('projector.hands')} data-testid="projector-hands">
          <h2>{t('projector.hands')}</h2>
          <ol>
            {hands.map((p) => (
              <li key={p.identity}>{p.name}</li>
            ))}
          </ol>
        </aside>
      )}
      <div className={`projector-status ${collab.kind === 'connected' ? 'quiet' : 'loud'}`}>
        <ConnectionStatus status={collab} />
      </div>
      <p className="visually-hidden">{t('projector.keys')}</p>
    </main>
  )
}
