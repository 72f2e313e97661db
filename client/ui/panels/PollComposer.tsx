import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatePollRequest, PollKind } from '#common/api/polls.ts'

/** A moderator writes a poll: question, kind, options, and which are correct (optional). */
export function PollComposer({ create }: { create(poll: CreatePollRequest): Promise<void> }) {
  const { t } = useTranslation()
  const [question, setQuestion] = useState('')
  const [kind, setKind] = useState<PollKind>('single')
  const [options, setOptions] = useState(['', ''])
  const [correct, setCorrect] = useState<number[]>([])
  const [accepted, setAccepted] = useState('')
  const [error, setError] = useState<string | undefined>()
  const qId = useId()
  const kindId = useId()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const filled = options.map((o) => o.trim()).filter(Boolean)
    const poll: CreatePollRequest =
      kind === 'short'
        ? {
            question,
            kind,
            ...(accepted.trim()
              ? {
                  correct: accepted
                    .split('/')
                    .map((s) => s.trim())
                    .filter(Boolean),
                }
              : {}),
          }
        : { question, kind, options: filled, ...(correct.length ? { correct } : {}) }
    try {
      await create(poll)
      setQuestion('')
      setOptions(['', ''])
      setCorrect([])
      setAccepted('')
      setError(undefined)
    } catch (err) {
      setError((err as Error).message || t('polls.failed'))
    }
  }

  return (
    <form className="poll-composer" onSubmit={(e) => void submit(e)}>
      <h3>{t('polls.new')}</h3>
      <label htmlFor={qId}>{t('polls.question')}</label>
      <input id={qId} value={question} maxLength={500} onChange={(e) => setQuestion(e.target.value)} />
      <label htmlFor={kindId}>{t('polls.kind')}</label>
      <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
        {(['single', 'multiple', 'short'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`polls.kinds.${k}`)}
          </option>
        ))}
      </select>
      {kind !== 'short' ? (
        <fieldset>
          <legend>{t('polls.options')}</legend>
          {options.map((o, i) => (
            <div key={i} className="option-row">
              <input
                aria-label={t('polls.option', { n: i + 1 })}
                value={o}
                maxLength={200}
                onChange={(e) => setOptions((all) => all.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <label>
                <input
                  type="checkbox"
                  checked={correct.includes(i)}
                  onChange={() =>
                    setCorrect((c) => (c.includes(i) ? c.filter((x) => x !== i) : kind === 'single' ? [i] : [...c, i]))
                  }
                />
                {t('polls.correct')}
              </label>
            </div>
          ))}
          {options.length < 10 && (
            <button type="button" onClick={() => setOptions((all) => [...all, ''])}>
              {t('polls.addOption')}
            </button>
          )}
        </fieldset>
      ) : (
        <label>
          {t('polls.acceptedAnswers')}
          <input value={accepted} onChange={(e) => setAccepted(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={!question.trim()}>
        {t('polls.start')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
