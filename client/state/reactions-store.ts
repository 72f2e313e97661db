/** Reactions (a few emoji) that float over a person's avatar for a few seconds. */
import { createStore } from 'zustand/vanilla'

/** The emoji a person can send; anything else that arrives is dropped. */
export const REACTIONS = ['👍', '👏', '😂', '😮', '❤️'] as const
export type Reaction = (typeof REACTIONS)[number]

export interface ShownReaction {
  id: number
  identity: string
  emoji: Reaction
  at: number
}

/** How long a reaction floats, ms. */
export const REACTION_MS = 3000

export const reactionsStore = createStore<{ shown: ShownReaction[] }>(() => ({ shown: [] }))

let next = 1

/** Shows a reaction over someone's avatar and removes it when it has floated away. */
export function showReaction(identity: string, emoji: Reaction, now = Date.now()): void {
  const id = next++
  reactionsStore.setState((s) => ({
    shown: [...s.shown.filter((r) => now - r.at < REACTION_MS), { id, identity, emoji, at: now }],
  }))
  setTimeout(() => reactionsStore.setState((s) => ({ shown: s.shown.filter((r) => r.id !== id) })), REACTION_MS)
}

export const isReaction = (s: string): s is Reaction => (REACTIONS as readonly string[]).includes(s)
