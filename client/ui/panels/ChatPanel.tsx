import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { controlStore } from '../../state/control-store.ts'

interface Props {
  me: string
  canWrite: boolean
  send(text: string): Promise<void>
}

export function ChatPanel({ me, canWrite, send }: Props) {
  const { t } = useTranslation()
  const chat = useStore(controlStore, (s) => s.chat)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const listRef = useRef<HTMLOListElement>(null)

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' })
  }, [chat.length])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!text.trim()) return
    setBusy(true)
    try {
      await send(text)
      setText('')
      setError(undefined)
    } catch {
      setError(t('chat.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="chat" aria-label={t('chat.title')}>
      <ol ref={listRef} className="chat-list" aria-live="polite" aria-relevant="additions" data-testid="chat">
        {chat.length === 0 && <li className="empty">{t('chat.empty')}</li>}
        {chat.map((m) => (
          <li key={m.id} className={m.identity === me ? 'mine' : undefined}>
            <span className="who">
              {m.name}
              {m.role === 'teacher' || m.role === 'assistant' ? ` · ${t(`roles.${m.role}`)}` : ''}
            </span>
            <span className="text">{m.text}</span>
          </li>
        ))}
      </ol>
      {canWrite && (
        <form onSubmit={(e) => void submit(e)} className="chat-form">
          <label htmlFor={inputId} className="visually-hidden">
            {t('chat.message')}
          </label>
          <input
            id={inputId}
            value={text}
            maxLength={2000}
            placeholder={t('chat.message')}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" disabled={busy}>
            {t('chat.send')}
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  )
}
