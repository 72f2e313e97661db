import { useTranslation } from 'react-i18next'
import type { CollabStatus } from '../net/collab/collab-manager.ts'
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
