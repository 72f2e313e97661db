import type { Language, LocalizedText } from './schema.ts'

/** The text in the wanted language, else English, else whatever language the author wrote. */
export function pickText(text: LocalizedText | undefined, lang: Language): string {
  if (!text) return ''
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? ''
}
