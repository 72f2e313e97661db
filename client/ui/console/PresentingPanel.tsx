import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { PROJECTOR_VIEWS, type ProjectorViewKind } from '#common/collab/presenting.ts'
import type { Scene } from '#common/scene/schema.ts'
import { controlStore } from '../../state/control-store.ts'
import type { Participant } from '../../state/participants.ts'

export interface PresentingActions {
  showEveryone(focus: { kind: 'stage' } | { kind: 'lab' } | { kind: 'board'; id: string }): void
  spotlight(identity: string | undefined): void
  setProjectorView(view: ProjectorViewKind): void
}

interface Props {
  scene: Scene
  participants: Participant[]
  actions: PresentingActions
}

/** The teacher presents: where everyone looks, who is on the main screen, what the projector shows. */
export function PresentingPanel({ scene, participants, actions }: Props) {
  const { t } = useTranslation()
  const presenting = useStore(controlStore, (s) => s.presenting)
  const focus = presenting.focus
  const current = (kind: string, id?: string) =>
    focus?.kind === kind && (!id || (focus.kind === 'board' && focus.id === id))
  return (
    <section className="presenting" aria-label={t('presenting.title')}>
      <fieldset>
        <legend>{t('presenting.showEveryone')}</legend>
        <button type="button" aria-pressed={current('stage')} onClick={() => actions.showEveryone({ kind: 'stage' })}>
          {t('presenting.stage')}
        </button>
        {scene.boards.map((b, i) => (
          <button
            key={b.id}
            type="button"
            aria-pressed={current('board', b.id)}
            onClick={() => actions.showEveryone({ kind: 'board', id: b.id })}
          >
            {t('presenting.board', { n: i + 1 })}
          </button>
        ))}
        {scene.lab && (
          <button type="button" aria-pressed={current('lab')} onClick={() => actions.showEveryone({ kind: 'lab' })}>
            {t('presenting.lab')}
          </button>
        )}
      </fieldset>
      <label>
        {t('presenting.spotlight')}
        <select
          value={presenting.spotlight?.identity ?? ''}
          onChange={(e) => actions.spotlight(e.currentTarget.value || undefined)}
        >
          <option value="">{t('presenting.spotlightTeacher')}</option>
          {participants.map((p) => (
            <option key={p.identity} value={p.identity}>
              {p.role === 'room' ? t('presenting.roomCamera', { name: p.name }) : p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('presenting.projector')}
        <select
          value={presenting.projectorView?.view ?? 'room'}
          onChange={(e) => actions.setProjectorView(e.currentTarget.value as ProjectorViewKind)}
        >
          {PROJECTOR_VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`projector.views.${v}`)}
            </option>
          ))}
        </select>
      </label>
    </section>
  )
}
