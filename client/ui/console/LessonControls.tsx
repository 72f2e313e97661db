import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { SceneListEntry } from '#common/api/scenes.ts'
import { groupNumber, groupOf } from '#common/collab/lesson-control.ts'
import { pickText } from '#common/scene/text.ts'
import type { Language } from '#common/scene/schema.ts'
import { isModerator } from '#common/roles.ts'
import { controlStore } from '../../state/control-store.ts'
import { useSession } from '../../state/use-session.ts'
import type { Participant } from '../../state/participants.ts'

export interface LessonActions {
  scenes(): Promise<SceneListEntry[]>
  switchScene(scene: string): Promise<void>
  startTimer(minutes: number): void
  stopTimer(): void
  pauseTimer(paused: boolean): void
  /** Makes `n` groups of these people: in turn, at random, or neighbours by seat. */
  makeGroups(n: number, people: { identity: string; seat?: string | undefined }[], how: GroupingMode): void
  assignGroup(identity: string, group: string | undefined): void
  /** Opens breakouts; closing calls everyone back (the server keeps the groups' boards). */
  setBreakoutsOpen(open: boolean): Promise<void>
  /** A message shown in every group. */
  broadcast(text: string): Promise<void>
  visitGroup(group: string | undefined): void
}

export const GROUPING_MODES = ['turn', 'random', 'seat'] as const
export type GroupingMode = (typeof GROUPING_MODES)[number]

interface Props {
  participants: Participant[]
  actions: LessonActions
  onError(): void
}

/** The console's lesson shape: the scene, the lesson timer, breakout groups. */
export function LessonControls({ participants, actions, onError }: Props) {
  const { t, i18n } = useTranslation()
  const settings = useStore(controlStore, (s) => s.settings)
  const groups = useStore(controlStore, (s) => s.groups)
  const breakout = useSession((s) => s.breakout)
  const [scenes, setScenes] = useState<SceneListEntry[]>([])
  const [sceneChoice, setSceneChoice] = useState<string>('')
  const [minutes, setMinutes] = useState(5)
  const [groupCount, setGroupCount] = useState(2)
  const [grouping, setGrouping] = useState<GroupingMode>('turn')
  const [message, setMessage] = useState('')
  const ids = { scene: useId(), minutes: useId(), groups: useId(), grouping: useId(), message: useId() }
  useEffect(() => {
    actions.scenes().then(setScenes, onError)
  }, [actions, onError])
  const learners = participants.filter((p) => !isModerator(p.role) && p.role !== 'room' && p.role !== 'observer')
  // One entry per person, even with two tabs open.
  const people = [...new Map(learners.map((p) => [p.identity, p])).values()]
  const groupLabel = (id: string) => t('breakout.group', { n: groupNumber(id) })
  const chosenScene = sceneChoice || settings.scene || ''

  return (
    <>
      <h3>{t('console.scene')}</h3>
      <div className="row">
        <label htmlFor={ids.scene}>{t('console.sceneLabel')}</label>
        <select id={ids.scene} value={chosenScene} onChange={(e) => setSceneChoice(e.target.value)}>
          {!settings.scene && <option value="">—</option>}
          {scenes.map((s) => (
            <option key={s.id} value={s.id}>
              {pickText(s.title, i18n.language as Language)}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!chosenScene || chosenScene === settings.scene}
          onClick={() => void actions.switchScene(chosenScene).catch(onError)}
        >
          {t('console.switchScene')}
        </button>
      </div>

      <h3>{t('console.timer')}</h3>
      <div className="row">
        <label htmlFor={ids.minutes}>{t('console.timerMinutes')}</label>
        <input
          id={ids.minutes}
          type="number"
          min={0.1}
          max={240}
          step={0.1}
          value={minutes}
          onChange={(e) => setMinutes(Math.max(0.1, Math.min(240, Math.round(Number(e.target.value) * 10) / 10 || 1)))}
        />
        <button type="button" onClick={() => actions.startTimer(minutes)}>
          {t('console.startTimer')}
        </button>
        {settings.timer && (
          <button
            type="button"
            aria-pressed={settings.timer.pausedLeftMs !== undefined}
            onClick={() => actions.pauseTimer(settings.timer?.pausedLeftMs === undefined)}
          >
            {t('console.pauseTimer')}
          </button>
        )}
        {settings.timer && (
          <button type="button" onClick={actions.stopTimer}>
            {t('console.stopTimer')}
          </button>
        )}
      </div>

      <h3>{t('console.breakouts')}</h3>
      <div className="row">
        <label htmlFor={ids.groups}>{t('console.groupCount')}</label>
        <input
          id={ids.groups}
          type="number"
          min={1}
          max={20}
          value={groupCount}
          onChange={(e) => setGroupCount(Math.max(1, Math.min(20, Math.round(Number(e.target.value) || 1))))}
        />
        <label htmlFor={ids.grouping}>{t('console.grouping')}</label>
        <select id={ids.grouping} value={grouping} onChange={(e) => setGrouping(e.target.value as GroupingMode)}>
          {GROUPING_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`console.groupingModes.${m}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() =>
            actions.makeGroups(
              groupCount,
              people.map((p) => ({ identity: p.identity, seat: p.seat })),
              grouping,
            )
          }
        >
          {t('console.makeGroups')}
        </button>
      </div>
      {groups.length > 0 && (
        <>
          <label className="toggle">
            <input
              type="checkbox"
              checked={settings.breakoutsOpen}
              onChange={(e) => void actions.setBreakoutsOpen(e.target.checked).catch(onError)}
            />
            {t('console.breakoutsOpen')}
          </label>
          {settings.breakoutsOpen && (
            <button type="button" onClick={() => void actions.setBreakoutsOpen(false).catch(onError)}>
              {t('console.callBack')}
            </button>
          )}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault()
              const text = message.trim()
              if (!text) return
              actions.broadcast(text).then(() => setMessage(''), onError)
            }}
          >
            <label htmlFor={ids.message}>{t('console.broadcast')}</label>
            <input id={ids.message} maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
            <button type="submit" disabled={!message.trim()}>
              {t('console.send')}
            </button>
          </form>
          <ul className="groups" data-testid="groups">
            {people.map((p) => (
              <li key={p.identity}>
                <label>
                  {t('console.groupOf', { name: p.name })}
                  <select
                    value={groupOf(groups, p.identity) ?? ''}
                    onChange={(e) => actions.assignGroup(p.identity, e.target.value || undefined)}
                  >
                    <option value="">{t('console.noGroup')}</option>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {groupLabel(g.id)}
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ul>
          <div className="row">
            {groups.map((g) => (
              <button
                key={g.id}
                type="button"
                aria-pressed={breakout?.group === g.id}
                onClick={() => actions.visitGroup(g.id)}
              >
                {t('console.visit', { group: groupLabel(g.id), count: g.members.length })}
              </button>
            ))}
            {breakout && (
              <button type="button" onClick={() => actions.visitGroup(undefined)}>
                {t('breakout.back')}
              </button>
            )}
          </div>
        </>
      )}
    </>
  )
}
