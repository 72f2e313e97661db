import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { displayNameSchema } from '#common/display-name.ts'
import type { SessionInfo } from '#common/api/sessions.ts'
import type { ApiFailure } from '../net/api/api-client.ts'
import { apiFailureText } from './error-text.ts'

const NAME_KEY = 'atrium.name'

interface Props {
  info: SessionInfo
  hasInvite: boolean
  busy: boolean
  failure: ApiFailure | undefined
  onJoin(name: string): void
}

export function JoinForm({ info, hasInvite, busy, failure, onJoin }: Props) {
  const { t } = useTranslation()
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '')
  const [localError, setLocalError] = useState<string | undefined>()
  const nameId = useId()
  const helpId = useId()
  const errorId = useId()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const parsed = displayNameSchema.safeParse(name)
    if (!parsed.success) {
      const msg = parsed.error.issues[0]?.message ?? ''
      setLocalError(
        msg.includes('empty')
          ? t('errors.nameEmpty')
          : msg.includes('at most')
            ? t('errors.nameTooLong')
            : t('errors.nameInvalid'),
      )
      return
    }
    setLocalError(undefined)
    localStorage.setItem(NAME_KEY, parsed.data)
    onJoin(parsed.data)
  }

  const error = localError ?? (failure ? apiFailureText(t, failure) : undefined)
  return (
    <main className="join">
      <h1>{t('join.title', { title: info.title })}</h1>
      {info.status === 'ended' ? (
        <p role="alert">{t('join.sessionEnded')}</p>
      ) : !hasInvite ? (
        <p role="alert">{t('join.noInvite')}</p>
      ) : (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          <label htmlFor={nameId}>{t('join.name')}</label>
          <input
            id={nameId}
            name="name"
            autoComplete="name"
            autoFocus
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={`${helpId}${error ? ` ${errorId}` : ''}`}
            aria-invalid={error ? true : undefined}
          />
          <p id={helpId} className="help">
            {t('join.nameHelp')}
          </p>
          {error && (
            <p id={errorId} className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('join.joining') : t('join.submit')}
          </button>
        </form>
      )}
    </main>
  )
}
