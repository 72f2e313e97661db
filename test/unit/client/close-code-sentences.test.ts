import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { CloseCode, closeCodeName } from '#common/protocol/close-codes.ts'
import { en } from '../../../client/i18n/en.ts'
import { zhCN } from '../../../client/i18n/zh-CN.ts'
import { closeText } from '../../../client/ui/error-text.ts'

describe('close codes in words', () => {
  it.each(['en', 'zh-CN'])('every close code has its own sentence in %s', async (lng) => {
    const i18n = i18next.createInstance()
    await i18n.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } } })
    const sentences = new Set<string>()
    for (const code of Object.values(CloseCode)) {
      const text = closeText(i18n.t, { code, name: closeCodeName(code) })
      expect(text).not.toMatch(/^close\./)
      expect(text.length).toBeGreaterThan(4)
      sentences.add(text)
    }
    expect(sentences.size).toBe(Object.values(CloseCode).length)
    expect(closeText(i18n.t, { code: 4999, name: undefined })).toContain('4999')
  })
})
