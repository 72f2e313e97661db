import { useStore } from 'zustand'
import { boardStore, type BoardState } from './board-store.ts'

/** Selector hook over the boards store. */
export function useBoards<T>(selector: (s: BoardState) => T): T {
  return useStore(boardStore, selector)
}
