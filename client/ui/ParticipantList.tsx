import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { HandIcon } from './icons.tsx'
import type { Participant } from '../state/participants.ts'
import { useStore } from 'zustand'
import { mediaStore } from '../state/media-store.ts'
import type { ConnectionQualityLevel } from '../net/media/media-manager.ts'

interface Props {
  participants: Participant[]
  me: string
  /** The words for a seat of the scene ("Row 2, seat 3"), to say where people in the room sit. */
  seatLabel?: (seatId: string) => string | undefined
}

/** Who is here: everyone, how and where they take part, raised hands numbered in the order raised. */
export function ParticipantList({ participants, me, seatLabel }: Props) {
  const { t } = useTranslation()
  const headingId = useId()
  const remotes = useStore(mediaStore, (s) => s.remotes)
  const handOrder = new Map(
    participants
      .filter((p) => p.handRaisedAt !== undefined)
      .sort((a, b) => a.handRaisedAt! - b.handRaisedAt!)
      .map((p, i) => [p.identity, i + 1]),
  )
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
            {p.seat && seatLabel?.(p.seat) && <span className="seat-label">{seatLabel(p.seat)}</span>}
            {remotes[p.identity]?.mic === false && <span className="mic-off">{t('media.muted')}</span>}
            <ConnectionQuality quality={remotes[p.identity]?.quality} />
            {p.handRaisedAt !== undefined && (
              <span
                className="hand"
                role="img"
                aria-label={`${t('people.handRaised')} (${t('people.handNumber', { n: handOrder.get(p.identity) })})`}
              >
                <HandIcon size={18} />
                {handOrder.size > 1 && <span aria-hidden="true">{handOrder.get(p.identity)}</span>}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** How well someone's connection carries media, in words (nothing until the server has judged it). */
function ConnectionQuality({ quality }: { quality: ConnectionQualityLevel | undefined }) {
  const { t } = useTranslation()
  if (!quality || quality === 'unknown') return null
  return (
    <span className={`quality quality-${quality}`} data-testid="connection-quality">
      {t(`media.quality.${quality}`)}
    </span>
  )
}
