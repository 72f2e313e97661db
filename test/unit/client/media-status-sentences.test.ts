import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { en } from '../../../client/i18n/en.ts'
import { zhCN } from '../../../client/i18n/zh-CN.ts'
import type { MediaFailure } from '../../../client/net/media/media-manager.ts'

const FAILURES: MediaFailure[] = ['unreachable', 'refused', 'replaced', 'removed', 'ended', 'unknown']

describe('media status in words', () => {
  it.each(['en', 'zh-CN'])('every media failure has its own reason in %s', async (lng) => {
    const i18n = i18next.createInstance()
    await i18n.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } } })
    const reasons = new Set(FAILURES.map((f) => i18n.t(`mediaStatus.reasons.${f}`)))
    expect(reasons.size).toBe(FAILURES.length)
    for (const r of reasons) expect(r).not.toMatch(/^mediaStatus\./)
    const failed = i18n.t('mediaStatus.failed', { reason: i18n.t('mediaStatus.reasons.unreachable') })
    expect(failed).toContain(i18n.t('mediaStatus.reasons.unreachable'))
    // Reconnecting says what still works.
    expect(i18n.t('mediaStatus.reconnecting')).toMatch(
      lng === 'en' ? /Boards, chat and the 3D room still work/ : /白板/,
    )
  })
})
