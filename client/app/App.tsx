import { useTranslation } from 'react-i18next'
import { useSession } from '../state/use-session.ts'
import { JoinForm } from '../ui/JoinForm.tsx'
import { SessionView } from './SessionView.tsx'
import { ProjectorView } from '../projector/ProjectorView.tsx'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { apiFailureText } from '../ui/error-text.ts'
import { join } from './session-controller.ts'

export function App() {
  const { t } = useTranslation()
  const phase = useSession((s) => s.phase)
  switch (phase.kind) {
    case 'home':
      return (
        <main className="home">
          <LanguageSwitch />
          <h1>{t('app.name')}</h1>
          <p>{t('app.tagline')}</p>
          <p>{t('app.homeHelp')}</p>
        </main>
      )
    case 'loading':
      return (
        <main className="home" aria-busy="true">
          <p role="status">{t('app.loading')}</p>
        </main>
      )
    case 'error':
      return (
        <main className="home">
          <LanguageSwitch />
          <h1>{t('app.name')}</h1>
          <p role="alert">{apiFailureText(t, phase.failure)}</p>
        </main>
      )
    case 'ready':
    case 'joining':
      return (
        <>
          <div className="corner">
            <LanguageSwitch />
          </div>
          <JoinForm
            info={phase.info}
            hasInvite={Boolean(phase.invite)}
            busy={phase.kind === 'joining'}
            failure={phase.kind === 'ready' ? phase.error : undefined}
            onJoin={(name) => void join(name)}
          />
        </>
      )
    case 'waiting':
      return (
        <main className="home" aria-busy="true">
          <LanguageSwitch />
          <h1>{t('lobby.title')}</h1>
          <p role="status" data-testid="lobby-wait">
            {t('lobby.waiting', { name: phase.name })}
          </p>
        </main>
      )
    case 'left':
      return (
        <main className="home">
          <LanguageSwitch />
          <h1>{t('app.name')}</h1>
          <p role="status">{t('toolbar.left')}</p>
          <button type="button" onClick={() => location.reload()}>
            {t('toolbar.rejoin')}
          </button>
        </main>
      )
    case 'in-session':
      // The classroom PC shows the lesson on the projector, without controls.
      if (phase.join.participant.role === 'room') return <ProjectorView join={phase.join} scene={phase.scene} />
      return <SessionView join={phase.join} scene={phase.scene} />
  }
}
