import { lazy, Suspense, useMemo } from 'react'
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
import { LabPanel } from '../ui/lab/LabPanel.tsx'
import { labActions } from './lab-controller.ts'

// three and R3F load after the join page, so a weak link shows the form first.
const World = lazy(() => import('../world/World.tsx'))

export function SessionView({ join, scene }: { join: JoinResponse; scene: Scene }) {
  const { t, i18n } = useTranslation()
  const participants = useSession((s) => s.participants)
  const collab = useSession((s) => s.collab)
  const webgl = useMemo(() => hasWebGL(), [])
  const sceneTitle = pickText(scene.title, i18n.language as Language)
  const noWebgl = <p className="world-fallback">{t('world.noWebgl')}</p>
  return (
    <div className="session">
      <header className="session-header">
        <h1>{join.session.title}</h1>
        <ConnectionStatus status={collab} />
        <LanguageSwitch />
      </header>
      <main className="world" aria-label={t('world.label', { scene: sceneTitle })}>
        {webgl ? (
          <WorldBoundary fallback={noWebgl}>
            <Suspense fallback={<p className="world-fallback">{t('app.loading')}</p>}>
              <World
                scene={scene}
                role={join.participant.role}
                label={t('world.label', { scene: sceneTitle })}
                labActions={labActions()}
              />
            </Suspense>
          </WorldBoundary>
        ) : (
          noWebgl
        )}
      </main>
      <aside className="sidebar">
        {scene.lab && <LabPanel scene={scene} actions={labActions()} />}
        <ParticipantList participants={participants} me={join.participant.identity} />
      </aside>
    </div>
  )
}
