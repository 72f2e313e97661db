import { lazy, Suspense, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JoinResponse } from '#common/api/join.ts'
import type { Scene } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import type { Language } from '#common/scene/schema.ts'
import { useSession } from '../state/use-session.ts'
import { hasWebGL } from '../world/webgl.ts'
import { ParticipantList } from '../ui/ParticipantList.tsx'
import { ConnectionStatus } from '../ui/ConnectionStatus.tsx'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { WorldBoundary } from '../ui/WorldBoundary.tsx'
import { BoardView2D } from '../boards/BoardView2D.tsx'

// three and R3F load after the join page, so a weak link shows the form first.
const World = lazy(() => import('../world/World.tsx'))

export function SessionView({ join, scene }: { join: JoinResponse; scene: Scene }) {
  const { t, i18n } = useTranslation()
  const participants = useSession((s) => s.participants)
  const collab = useSession((s) => s.collab)
  const webgl = useMemo(() => hasWebGL(), [])
  const sceneTitle = pickText(scene.title, i18n.language as Language)
  const noWebgl = <p className="world-fallback">{t('world.noWebgl')}</p>
  // Without WebGL the 2D board is the way to take part.
  const [board2d, setBoard2d] = useState(!webgl)
  return (
    <div className="session">
      <header className="session-header">
        <h1>{join.session.title}</h1>
        <ConnectionStatus status={collab} />
        <button type="button" onClick={() => setBoard2d(true)}>
          {t('boards.open')}
        </button>
        <LanguageSwitch />
      </header>
      {board2d && <BoardView2D onClose={() => setBoard2d(false)} />}
      <main className="world" aria-label={t('world.label', { scene: sceneTitle })}>
        {webgl ? (
          <WorldBoundary fallback={noWebgl}>
            <Suspense fallback={<p className="world-fallback">{t('app.loading')}</p>}>
              <World scene={scene} role={join.participant.role} label={t('world.label', { scene: sceneTitle })} />
            </Suspense>
          </WorldBoundary>
        ) : (
          noWebgl
        )}
      </main>
      <aside className="sidebar">
        <ParticipantList participants={participants} me={join.participant.identity} />
      </aside>
    </div>
  )
}
