import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language, Scene } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import type { Participant } from '../state/participants.ts'

interface Props {
  scene: Scene
  me: string
  participants: Participant[]
  mySeat: string | undefined
  onPick(seatId: string): void
  onClose(): void
}

/**
 * The physical classroom's seat map, front row first, for people in the room to say where they
 * really sit: their avatar then sits there for everyone joining from elsewhere.
 */
export function SeatPicker({ scene, me, participants, mySeat, onPick, onClose }: Props) {
  const { t, i18n } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
  }, [])
  const seats = scene.seats.filter((s) => s.onsite)
  const rows = Math.max(0, ...seats.map((s) => s.onsite!.row))
  const columns = Math.max(0, ...seats.map((s) => s.onsite!.column))
  const taken = new Map(participants.filter((p) => p.identity !== me && p.seat).map((p) => [p.seat!, p.name]))
  const label = (id: string) => {
    const seat = seats.find((s) => s.id === id)!
    return seat.label
      ? pickText(seat.label, i18n.language as Language)
      : t('seats.rowSeat', { row: seat.onsite!.row, seat: seat.onsite!.column })
  }

  return (
    <dialog ref={dialog} className="seat-picker" aria-labelledby="seat-picker-title" onClose={onClose}>
      <h2 id="seat-picker-title">{t('seats.title')}</h2>
      <p>{t('seats.help')}</p>
      <p className="seat-front" aria-hidden="true">
        {t('seats.front')}
      </p>
      <div
        className="seat-grid"
        role="group"
        aria-label={t('seats.map')}
        style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
      >
        {Array.from({ length: rows }, (_, r) =>
          Array.from({ length: columns }, (_, c) => {
            const seat = seats.find((s) => s.onsite!.row === r + 1 && s.onsite!.column === c + 1)
            if (!seat) return <span key={`${r}-${c}`} className="seat-gap" />
            const who = taken.get(seat.id)
            return (
              <button
                key={seat.id}
                type="button"
                className={seat.id === mySeat ? 'seat mine' : 'seat'}
                aria-pressed={seat.id === mySeat}
                disabled={who !== undefined}
                title={who ? t('seats.takenBy', { name: who }) : undefined}
                aria-label={who ? `${label(seat.id)}: ${t('seats.takenBy', { name: who })}` : label(seat.id)}
                onClick={() => {
                  onPick(seat.id)
                  dialog.current?.close()
                }}
              >
                {seat.onsite!.column}
              </button>
            )
          }),
        )}
      </div>
      <button type="button" onClick={() => dialog.current?.close()}>
        {t('seats.close')}
      </button>
    </dialog>
  )
}
