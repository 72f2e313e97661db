/** Friendly, distinct body colours, picked by a stable hash of the identity. */
const PALETTE = [
  '#e07a5f',
  '#3d9970',
  '#5b7fd6',
  '#d4a017',
  '#9b59b6',
  '#17a2b8',
  '#e85d9a',
  '#6c8e3f',
  '#c0703a',
  '#4a6fa5',
]

export function colorFor(identity: string): string {
  let h = 2166136261
  for (let i = 0; i < identity.length; i++) h = Math.imul(h ^ identity.charCodeAt(i), 16777619)
  return PALETTE[(h >>> 0) % PALETTE.length]!
}

export const ROLE_ACCENT: Record<string, string> = {
  teacher: '#1f5f8b',
  assistant: '#2f6f4f',
  room: '#6d5a4b',
}
