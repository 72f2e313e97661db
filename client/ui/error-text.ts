import type { TFunction } from 'i18next'
import type { ApiFailure } from '../net/api/api-client.ts'
import type { CloseInfo } from '../net/collab/collab-manager.ts'

/** A sentence for an API failure, in the user's language. */
export function apiFailureText(t: TFunction, failure: ApiFailure): string {
  if (failure.kind === 'network') return t('errors.network')
  const { error } = failure
  switch (error.code) {
    case 'not_found':
      return t('errors.notFound')
    case 'forbidden':
      switch (error.reason) {
        case 'session_ended':
          return t('join.sessionEnded')
        case 'invite_expired':
          return t('errors.expired')
        case 'session_locked':
          return t('errors.locked')
        case 'not_admitted':
          return t('errors.denied')
        default:
          return t('errors.forbidden')
      }
    case 'rate_limited':
      return t('errors.rateLimited')
    case 'bad_request': {
      const issue = error.issues?.find((i) => i.path === 'name')
      if (issue?.message.includes('empty')) return t('errors.nameEmpty')
      if (issue?.message.includes('at most')) return t('errors.nameTooLong')
      if (issue) return t('errors.nameInvalid')
      return error.message
    }
    default:
      return t('errors.server')
  }
}

/**
 * A sentence for a console action the server refused: someone not connected to audio (409) is
 * the one failure a teacher can act on; anything else is "try again".
 */
export function consoleFailureText(t: TFunction, err: unknown): string {
  const code = (err as { failure?: { error?: { code?: string } } }).failure?.error?.code
  return code === 'conflict' ? t('console.notInMedia') : t('console.failed')
}

/** A sentence for why a collab connection closed (PROTOCOL.md close codes), in the user's language. */
export function closeText(t: TFunction, close: CloseInfo): string {
  return close.name ? t(`close.${close.name}`) : t('close.unknown', { code: close.code })
}
