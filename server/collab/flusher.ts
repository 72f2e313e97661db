/**
 * Commits accepted updates to SQLite, then relays them: one transaction, and one merged update
 * (one stored row, one encoded message) per document per flush. When the server is quiet a flush
 * runs at the end of the current event-loop turn. When updates arrive fast, the flush waits long
 * enough for the fan-out to stay near `sendBudgetPerSecond` frames, so more changes share one
 * frame (the fan-out, not the storage, is what saturates).
 */
import type { Logger } from 'pino'
import type { DocStore, PendingWrite } from '../store/doc-store.ts'
import type { SharedDoc } from './shared-doc.ts'

export interface FlusherOptions {
  /** Document updates per second (all documents) past which flushes may wait. */
  busyUpdatesPerSecond: number
  /** While busy, frames per second the fan-out aims to stay under. */
  sendBudgetPerSecond: number
  maxWindowMs: number
}

export const DEFAULT_FLUSHER_OPTIONS: FlusherOptions = {
  busyUpdatesPerSecond: 150,
  sendBudgetPerSecond: 10_000,
  maxWindowMs: 20,
}

const RATE_PERIOD_MS = 200

export class Flusher {
  private readonly dirty = new Set<SharedDoc>()
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined
  private periodStart = performance.now()
  private periodSends = 0
  private periodUpdates = 0
  private periodFlushes = 0
  /**
   * Document updates per second coming in. Judged on what arrives, not on what was sent: the
   * window lowers the sends, and judging by them would let it flap open and shut. Awareness
   * (presence renewals, cursors) is relayed per turn and does not widen the window.
   */
  private updateRate = 0
  private fanoutPerFlush = 0

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly onCommitted: (doc: SharedDoc) => void,
    private readonly onStoreFailure: (docs: SharedDoc[], err: unknown) => void,
    private readonly options: FlusherOptions = DEFAULT_FLUSHER_OPTIONS,
  ) {}

  markDirty(doc: SharedDoc): void {
    this.dirty.add(doc)
    if (this.scheduled) return
    const windowMs = this.windowMs()
    this.scheduled = windowMs === 0 ? setImmediate(this.flush) : setTimeout(this.flush, windowMs)
  }

  /** The coalescing window: 0 (end of turn) unless updates arrive fast. */
  private windowMs(): number {
    const stale = performance.now() - this.periodStart > 2 * RATE_PERIOD_MS
    if (stale || this.updateRate <= this.options.busyUpdatesPerSecond) return 0
    const ms = (this.fanoutPerFlush / this.options.sendBudgetPerSecond) * 1000
    return Math.min(this.options.maxWindowMs, Math.max(1, ms))
  }

  /** Flushes now (used before unloading a document and at shutdown). */
  flushNow(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled as NodeJS.Immediate)
      clearTimeout(this.scheduled as NodeJS.Timeout)
    }
    this.flush()
  }

  private readonly flush = (): void => {
    this.scheduled = undefined
    if (this.dirty.size === 0) return
    const docs = [...this.dirty]
    this.dirty.clear()
    const batches = docs.map((d) => ({ shared: d, update: d.takePending() }))
    const writes: PendingWrite[] = batches.flatMap((b) =>
      b.update ? [{ doc: b.shared.name, updates: [b.update] }] : [],
    )
    try {
      this.store.append(writes)
    } catch (err) {
      this.log.error({ err, docs: writes.map((w) => w.doc) }, 'could not store updates; nothing relayed')
      this.onStoreFailure(
        batches.filter((b) => b.update).map((b) => b.shared),
        err,
      )
      return
    }
    let sends = 0
    let updates = 0
    for (const b of batches) {
      updates += b.shared.takeUpdateCount()
      sends += b.shared.publish(b.update)
      if (b.update) this.onCommitted(b.shared)
    }
    this.account(sends, updates)
  }

  private account(sends: number, updates: number): void {
    this.periodSends += sends
    this.periodUpdates += updates
    this.periodFlushes++
    const now = performance.now()
    const elapsed = now - this.periodStart
    if (elapsed >= RATE_PERIOD_MS) {
      this.updateRate = (this.periodUpdates / elapsed) * 1000
      this.fanoutPerFlush = this.periodSends / this.periodFlushes
      this.periodStart = now
      this.periodSends = 0
      this.periodUpdates = 0
      this.periodFlushes = 0
    }
  }
}
