import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { HandIcon } from './icons.tsx'
import type { Participant } from '../state/participants.ts'

interface Props {
  participants: Participant[]
  me: string
}

export function ParticipantList({ participants, me }: Props) {
  const { t } = useTranslation()
  const headingId = useId()
  return (
    <section className="people" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('people.title', { count: participants.length })}</h2>
      <ul data-testid="participants">
        {participants.map((p) => (
          <li
            key={p.identity}
            data-identity={p.identity}
            data-role={p.role}
            data-via={p.via}
            className={p.identity === me ? 'me' : undefined}
          >
            <span className="name">
              {p.name}
              {p.identity === me && <span className="you"> {t('people.you')}</span>}
            </span>
            <span className={`badge role-${p.role}`}>{t(`roles.${p.role}`)}</span>
            <span className="via">{t(`via.${p.via}`)}</span>
            {p.handRaisedAt !== undefined && (
              <span className="hand" role="img" aria-label={t('people.handRaised')}>
                <HandIcon size={18} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
