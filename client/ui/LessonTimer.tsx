import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { controlStore } from '../state/control-store.ts'
import { serverNow } from '../state/lab-store.ts'
import { timerLeftMs } from '#common/collab/lesson-control.ts'

const clock = (seconds: number) => {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return `${m}:${String(s).padStart(2, '0')}`
}

/**
 * The lesson countdown the teacher started, read against server time so everyone sees the same
 * figure. The visible clock is not announced every second; a polite live region says once that
 * the time is up.
 */
export function LessonTimer() {
  const { t } = useTranslation()
  const timer = useStore(controlStore, (s) => s.settings.timer)
  const [now, setNow] = useState(serverNow)
  useEffect(() => {
    if (!timer || timer.pausedLeftMs !== undefined) return
    const id = setInterval(() => setNow(serverNow()), 250)
    return () => clearInterval(id)
  }, [timer])
  // `now` may be up to one tick old when a timer appears: never show more than it was set for.
  const left = timer ? Math.ceil(timerLeftMs(timer, now) / 1000) : 0
  const over = timer !== undefined && left === 0
  return (
    <>
      {timer && (
        <p className={over ? 'lesson-timer over' : 'lesson-timer'} data-testid="lesson-timer">
          <span role="timer" aria-label={t('timer.label')}>
            {clock(left)}
          </span>
          {timer.pausedLeftMs !== undefined && <span> {t('timer.paused')}</span>}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="assertive" data-testid="timer-announcement">
        {over ? t('timer.ended') : ''}
      </p>
    </>
  )
}
