import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnswerPollRequest, PollView } from '#common/api/polls.ts'
import type { LivePoll } from '../../state/control-store.ts'

interface Props {
  poll: PollView
  /** Live results (moderators only). */
  live: LivePoll | undefined
  canAnswer: boolean
  answered: boolean
  answer(req: AnswerPollRequest): Promise<void>
  moderate?: { close(): Promise<void>; reveal(): Promise<void> }
}

/** One poll: a question to answer, or its results once revealed (live results for moderators). */
export function PollCard({ poll, live, canAnswer, answered, answer, moderate }: Props) {
  const { t } = useTranslation()
  const [choices, setChoices] = useState<string[]>([])
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const legendId = useId()
  const results = poll.results ?? (live ? { answers: live.answers, counts: live.counts } : undefined)
  const open = poll.status === 'open'

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await answer(poll.kind === 'short' ? { text } : { choices })
      setError(undefined)
    } catch {
      setError(t('polls.failed'))
    }
  }

  const toggle = (id: string) =>
    setChoices((c) => (poll.kind === 'single' ? [id] : c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))

  return (
    <article className="poll" data-poll={poll.id} data-status={poll.status}>
      <h3 id={legendId}>{poll.question}</h3>
      <p className="poll-status">{t(`polls.status.${poll.status}`)}</p>
      {open && canAnswer && !answered && (
        <form onSubmit={(e) => void submit(e)} aria-labelledby={legendId}>
          {poll.kind === 'short' ? (
            <input
              aria-label={t('polls.yourAnswer')}
              value={text}
              maxLength={500}
              onChange={(e) => setText(e.target.value)}
            />
          ) : (
            <fieldset>
              <legend className="visually-hidden">{poll.question}</legend>
              {poll.options.map((o) => (
                <label key={o.id} className="option">
                  <input
                    type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                    name={`poll-${poll.id}`}
                    checked={choices.includes(o.id)}
                    onChange={() => toggle(o.id)}
                  />
                  {o.label}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" disabled={poll.kind === 'short' ? !text.trim() : choices.length === 0}>
            {t('polls.submit')}
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      {answered && open && <p role="status">{t('polls.thanks')}</p>}
      {results && (
        <ul className="poll-results" aria-label={t('polls.results')}>
          {poll.options.map((o) => {
            const n = results.counts[o.id] ?? 0
            const share = results.answers ? Math.round((n / results.answers) * 100) : 0
            const correct = poll.correct?.includes(o.id)
            return (
              <li key={o.id} className={correct ? 'correct' : undefined}>
                <span>
                  {o.label}
                  {correct && ` ✓ ${t('polls.correct')}`}
                </span>
                <meter min={0} max={100} value={share} aria-label={`${o.label}: ${share}%`} />
                <span>{t('polls.count', { count: n, share })}</span>
              </li>
            )
          })}
          <li className="total">{t('polls.answers', { count: results.answers })}</li>
          {poll.kind === 'short' && poll.correct && (
            <li className="correct">{t('polls.accepted', { answers: poll.correct.join(' / ') })}</li>
          )}
        </ul>
      )}
      {live && poll.kind === 'short' && live.texts.length > 0 && (
        <ul className="poll-texts">
          {live.texts.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      )}
      {moderate && poll.status !== 'revealed' && (
        <div className="actions">
          {open && (
            <button type="button" onClick={() => void moderate.close()}>
              {t('polls.close')}
            </button>
          )}
          <button type="button" onClick={() => void moderate.reveal()}>
            {t('polls.reveal')}
          </button>
        </div>
      )}
    </article>
  )
}
