import { useTranslation } from 'react-i18next'
import type { CollabStatus } from '../net/collab/collab-manager.ts'
import type { MediaStatus } from '../net/media/media-manager.ts'
import { closeText } from './error-text.ts'

export function ConnectionStatus({ status }: { status: CollabStatus }) {
  const { t } = useTranslation()
  let text: string
  switch (status.kind) {
    case 'connecting':
      text = t('status.connecting')
      break
    case 'connected':
      text = t('status.connected')
      break
    case 'reconnecting':
      text = t('status.reconnecting')
      if (status.close && status.close.code >= 4000) text = `${closeText(t, status.close)} ${text}`
      break
    case 'failed':
      text = t('status.failed', { reason: closeText(t, status.close) })
      break
  }
  return (
    <p className={`status status-${status.kind}`} role="status" aria-live="polite" data-status={status.kind}>
      {text}
    </p>
  )
}

/**
 * Audio and video's own line: connecting, connected (and whether the server holds video back
 * because this connection is weak), reconnecting (what still works), failed (why).
 */
export function MediaConnectionStatus({ status, videoHeld = false }: { status: MediaStatus; videoHeld?: boolean }) {
  const { t } = useTranslation()
  let text: string
  switch (status.kind) {
    case 'off':
      return null
    case 'connecting':
      text = t('mediaStatus.connecting')
      break
    case 'connected':
      text = videoHeld ? t('mediaStatus.videoHeld') : t('mediaStatus.connected')
      break
    case 'reconnecting':
      text = t('mediaStatus.reconnecting')
      break
    case 'failed':
      text = t('mediaStatus.failed', { reason: t(`mediaStatus.reasons.${status.reason}`) })
      if (status.retrying) text = `${text} ${t('mediaStatus.retrying')}`
      break
  }
  return (
    <p
      className={`status status-${status.kind === 'failed' ? 'failed' : status.kind}`}
      role="status"
      aria-live="polite"
      data-testid="media-status"
      data-status={status.kind}
    >
      {text}
    </p>
  )
}
