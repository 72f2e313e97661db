import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '#common/scene/schema.ts'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

const STORAGE_KEY = 'atrium.lang'

/** The saved choice, else the browser's preference (any Chinese → zh-CN), else English. */
export function detectLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'zh-CN') return saved
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const l of preferred) {
    if (/^zh\b/i.test(l)) return 'zh-CN'
    if (/^en\b/i.test(l)) return 'en'
  }
  return 'en'
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang)
  document.documentElement.lang = lang
  void i18next.changeLanguage(lang)
}

export function initI18n(): typeof i18next {
  const lang = detectLanguage()
  document.documentElement.lang = lang
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return i18next
}
