import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionReport } from '#common/api/report.ts'

/** The last report loaded stays on screen while a newer one loads. */
interface State {
  report: SessionReport | undefined
  loading: boolean
  failed: boolean
}

const minutes = (seconds: number, lang: string) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(seconds / 60)

/** The session report in the console: attendance and participation per person, and poll results. */
export function ReportView({ load }: { load(): Promise<SessionReport> }) {
  const { t, i18n } = useTranslation()
  const [state, setState] = useState<State>({ report: undefined, loading: false, failed: false })
  const show = () => {
    setState((s) => ({ ...s, loading: true, failed: false }))
    load().then(
      (report) => setState({ report, loading: false, failed: false }),
      () => setState((s) => ({ ...s, loading: false, failed: true })),
    )
  }
  return (
    <div className="report" data-testid="report" aria-busy={state.loading}>
      <button type="button" onClick={show} disabled={state.loading}>
        {state.report ? t('report.refresh') : t('report.show')}
      </button>
      {state.report && (
        <button type="button" onClick={() => setState({ report: undefined, loading: false, failed: false })}>
          {t('report.hide')}
        </button>
      )}
      {state.loading && <p role="status">{t('report.loading')}</p>}
      {state.failed && <p role="alert">{t('report.failed')}</p>}
      {state.report && <ReportTables report={state.report} lang={i18n.language} />}
    </div>
  )
}

function ReportTables({ report, lang }: { report: SessionReport; lang: string }) {
  const { t } = useTranslation()
  const people = report.participants.filter((p) => p.firstJoinedAt !== null)
  return (
    <>
      <div className="report-scroll" tabIndex={0} role="region" aria-label={t('report.attendance')}>
        <table>
          <caption>{t('report.attendance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.col.name')}</th>
              <th scope="col">{t('report.col.where')}</th>
              <th scope="col">{t('report.col.present')}</th>
              <th scope="col">{t('report.col.hands')}</th>
              <th scope="col">{t('report.col.microphone')}</th>
              <th scope="col">{t('report.col.chat')}</th>
              <th scope="col">{t('report.col.polls')}</th>
              <th scope="col">{t('report.col.labSteps')}</th>
              <th scope="col">{t('report.col.boards')}</th>
            </tr>
          </thead>
          <tbody>
            {people.length === 0 && (
              <tr>
                <td colSpan={9}>{t('report.nobody')}</td>
              </tr>
            )}
            {people.map((p) => (
              <tr key={p.identity}>
                <th scope="row">
                  {p.name}
                  <span className="role"> · {t(`roles.${p.role}`, { defaultValue: p.role })}</span>
                  {p.present && <span className="here"> · {t('report.here')}</span>}
                </th>
                <td>
                  {[
                    ...p.places.map((x) => t(`report.place.${x}`, { defaultValue: x })),
                    ...p.devices.map((x) => t(`via.${x}`, { defaultValue: x })),
                  ].join(', ')}
                </td>
                <td>{minutes(p.presentSeconds, lang)}</td>
                <td>{p.handsRaised}</td>
                <td>{minutes(p.microphoneSeconds, lang)}</td>
                <td>{p.chatMessages}</td>
                <td>{t('report.answers', { count: p.pollAnswers, correct: p.pollAnswersCorrect })}</td>
                <td>{p.labSteps}</td>
                <td>{p.boardUpdates}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.polls.length > 0 && (
        <>
          <h4>{t('report.polls')}</h4>
          <ul className="report-polls">
            {report.polls.map((poll) => (
              <li key={poll.pollId}>
                <p>
                  {poll.question} — {t('report.pollAnswers', { count: poll.answers, correct: poll.correct })}
                </p>
                {poll.choices.length > 0 && (
                  <ul>
                    {poll.choices.map((c) => (
                      <li key={c.id}>
                        {c.label}: {c.count}
                      </li>
                    ))}
                  </ul>
                )}
                {poll.texts.length > 0 && (
                  <ul>
                    {poll.texts.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
