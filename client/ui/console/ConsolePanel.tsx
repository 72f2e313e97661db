import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { InvitesResponse } from '#common/api/moderation.ts'
import type { SessionReport } from '#common/api/report.ts'
import { controlStore } from '../../state/control-store.ts'
import { OptimisticToggle } from './OptimisticToggle.tsx'
import { consoleFailureText } from '../error-text.ts'
import { raisedHands, type Participant } from '../../state/participants.ts'
import { LessonControls, type LessonActions } from './LessonControls.tsx'
import { ReportView } from './ReportView.tsx'

export interface ConsoleActions extends LessonActions {
  setSession(patch: { locked?: boolean; waitingRoom?: boolean }): Promise<void>
  setLock(target: 'boards' | 'lab', locked: boolean): void
  admit(identity: string): Promise<void>
  deny(identity: string): Promise<void>
  admitAll(): Promise<void>
  lowerHands(identities: string[]): void
  remove(identity: string): Promise<void>
  /** Audio moderation (through LiveKit's RoomService on the server). */
  muteMicrophone(identity: string): Promise<void>
  muteLearners(): Promise<void>
  setSpeaking(identity: string, allowed: boolean): Promise<void>
  invites(): Promise<InvitesResponse>
  rotateInvite(role: InvitesResponse['invites'][number]['role']): Promise<void>
  downloadReport(): Promise<void>
  report(): Promise<SessionReport>
  end(): Promise<void>
  /** Seats someone at a seat of the scene (their view moves there). */
  moveToSeat(identity: string, seat: string): void
}

interface Props {
  me: string
  participants: Participant[]
  /** The scene's seats, labelled for this language. */
  seats: { id: string; label: string }[]
  actions: ConsoleActions
}

/** The teacher's console: access, locks, the lobby, hands in order, people, invites, the end. */
export function ConsolePanel({ me, participants, seats, actions }: Props) {
  const { t } = useTranslation()
  const settings = useStore(controlStore, (s) => s.settings)
  const locks = useStore(controlStore, (s) => s.locks)
  const lobby = useStore(controlStore, (s) => s.lobby)
  const [invites, setInvites] = useState<InvitesResponse['invites'] | undefined>()
  const [confirmEnd, setConfirmEnd] = useState(false)
  const [notice, setNotice] = useState<string | undefined>()
  const hands = raisedHands(participants)
  // Who may not speak now (the server records each change in the control document).
  const silenced = (identity: string) => settings.maySpeak[identity] === false
  const failed = useCallback(() => setNotice(t('console.failed')), [t])
  const failure = (err: unknown) => setNotice(consoleFailureText(t, err))
  const run = (fn: () => Promise<unknown>) => () => void fn().then(() => setNotice(undefined), failure)
  const toggleSpeaking = (identity: string, allowed: boolean) => run(() => actions.setSpeaking(identity, allowed))

  return (
    <section className="console" aria-label={t('console.title')}>
      {notice && (
        <p className="error" role="alert">
          {notice}
        </p>
      )}
      <fieldset className="switches">
        <legend>{t('console.access')}</legend>
        <OptimisticToggle
          label={t('console.lockSession')}
          checked={settings.locked}
          onToggle={(locked) => actions.setSession({ locked })}
          onError={failed}
        />
        <OptimisticToggle
          label={t('console.waitingRoom')}
          checked={settings.waitingRoom}
          onToggle={(waitingRoom) => actions.setSession({ waitingRoom })}
          onError={failed}
        />
        <OptimisticToggle
          label={t('console.lockBoards')}
          checked={locks.boards}
          onToggle={(v) => actions.setLock('boards', v)}
          onError={failed}
        />
        <OptimisticToggle
          label={t('console.lockLab')}
          checked={locks.lab}
          onToggle={(v) => actions.setLock('lab', v)}
          onError={failed}
        />
      </fieldset>

      <LessonControls participants={participants} actions={actions} onError={failed} />

      <h3>{t('console.lobby', { count: lobby.length })}</h3>
      {lobby.length > 0 && (
        <>
          <ul className="lobby" data-testid="lobby">
            {lobby.map((w) => (
              <li key={w.identity}>
                <span>{w.name}</span>
                <button type="button" onClick={run(() => actions.admit(w.identity))}>
                  {t('console.admit')}
                </button>
                <button type="button" onClick={run(() => actions.deny(w.identity))}>
                  {t('console.deny')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={run(actions.admitAll)}>
            {t('console.admitAll')}
          </button>
        </>
      )}

      <h3>{t('console.hands', { count: hands.length })}</h3>
      {hands.length > 0 && (
        <>
          <ol className="hands" data-testid="hands">
            {hands.map((p) => (
              <li key={p.identity}>
                <span>{p.name}</span>
                <button type="button" onClick={() => actions.lowerHands([p.identity])}>
                  {t('console.lower')}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => actions.lowerHands(hands.map((p) => p.identity))}>
            {t('console.lowerAll')}
          </button>
        </>
      )}

      <h3>{t('console.people')}</h3>
      <button type="button" onClick={run(actions.muteLearners)}>
        {t('console.muteAll')}
      </button>
      <ul className="people-actions" data-testid="people-actions">
        {participants
          .filter((p) => p.identity !== me)
          .map((p) => (
            <li key={p.identity}>
              <span>
                {p.name} · {t(`roles.${p.role}`)}
              </span>
              <button
                type="button"
                onClick={run(() => actions.muteMicrophone(p.identity))}
                aria-label={t('console.muteNamed', { name: p.name })}
              >
                {t('console.mute')}
              </button>
              <button
                type="button"
                aria-pressed={!silenced(p.identity)}
                onClick={toggleSpeaking(p.identity, silenced(p.identity))}
                aria-label={t('console.speakingNamed', { name: p.name })}
              >
                {t('console.speaking')}
              </button>
              {seats.length > 0 && (
                <select
                  aria-label={t('console.seatOf', { name: p.name })}
                  value={p.seat ?? ''}
                  onChange={(e) => e.target.value && actions.moveToSeat(p.identity, e.target.value)}
                >
                  <option value="">{t('console.noSeat')}</option>
                  {seats.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                onClick={run(() => actions.remove(p.identity))}
                aria-label={t('console.removeNamed', { name: p.name })}
              >
                {t('console.remove')}
              </button>
            </li>
          ))}
      </ul>

      <h3>{t('console.invites')}</h3>
      <button type="button" onClick={run(async () => setInvites((await actions.invites()).invites))}>
        {t('console.showInvites')}
      </button>
      {invites && (
        <ul className="invites">
          {invites.map((i) => (
            <li key={i.role}>
              <span>{t(`roles.${i.role}`)}</span>
              <input
                readOnly
                value={i.link}
                aria-label={t('console.linkFor', { role: t(`roles.${i.role}`) })}
                onFocus={(e) => e.target.select()}
              />
              <button
                type="button"
                onClick={run(async () => {
                  await actions.rotateInvite(i.role)
                  setInvites((await actions.invites()).invites)
                })}
              >
                {t('console.rotate')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('console.records')}</h3>
      <button type="button" onClick={run(actions.downloadReport)}>
        {t('console.downloadReport')}
      </button>
      <ReportView load={actions.report} />

      <h3>{t('console.endTitle')}</h3>
      {confirmEnd ? (
        <div role="alertdialog" aria-label={t('console.endConfirm')} className="confirm">
          <p>{t('console.endConfirm')}</p>
          <button type="button" className="danger" onClick={run(actions.end)}>
            {t('console.endYes')}
          </button>
          <button type="button" onClick={() => setConfirmEnd(false)}>
            {t('console.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirmEnd(true)}>
          {t('console.end')}
        </button>
      )}
    </section>
  )
}
