/**
 * Where a long piece of signal work gives its thread back between steps. A media thread's signal
 * queue installs itself here (sfu-worker.ts, turn-queue.ts); the SFU in the main thread, which
 * has no such queue, goes on at once.
 */
let take: () => Promise<void> = () => Promise.resolve()

/** Resolves once the thread's other work (UDP, timers) has had its turn. */
export function nextTurn(): Promise<void> {
  return take()
}

/** This thread's turns are `turn`'s. */
export function takeTurnsWith(turn: () => Promise<void>): void {
  take = turn
}
