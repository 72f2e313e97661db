/**
 * Commits accepted updates to SQLite, then relays them: one transaction and one encoded message
 * per document per flush. When the server is quiet a flush runs at the end of the current
 * event-loop turn; when outgoing frames would exceed `sendBudgetPerSecond`, the flush waits a few
 * milliseconds so more updates share one frame (the fan-out, not the storage, is what saturates).
 */
import type { Logger } from 'pino'
import type { DocStore, PendingWrite } from '../store/doc-store.ts'
import type { SharedDoc } from './shared-doc.ts'

export interface FlusherOptions {
  sendBudgetPerSecond: number
  maxWindowMs: number
}

export const DEFAULT_FLUSHER_OPTIONS: FlusherOptions = { sendBudgetPerSecond: 20_000, maxWindowMs: 10 }

const RATE_PERIOD_MS = 200

export class Flusher {
  private readonly dirty = new Set<SharedDoc>()
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined
  private periodStart = performance.now()
  private periodSends = 0
  private periodFlushes = 0
  private sendRate = 0
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

  /** The coalescing window: 0 (end of turn) unless fan-out runs over budget. */
  private windowMs(): number {
    const stale = performance.now() - this.periodStart > 2 * RATE_PERIOD_MS
    if (stale || this.sendRate <= this.options.sendBudgetPerSecond) return 0
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
    const batches = docs.map((d) => ({ shared: d, updates: d.takePending() }))
    const writes: PendingWrite[] = batches
      .filter((b) => b.updates.length > 0)
      .map((b) => ({ doc: b.shared.name, updates: b.updates }))
    try {
      this.store.append(writes)
    } catch (err) {
      this.log.error({ err, docs: writes.map((w) => w.doc) }, 'could not store updates; nothing relayed')
      this.onStoreFailure(
        batches.filter((b) => b.updates.length > 0).map((b) => b.shared),
        err,
      )
      return
    }
    let sends = 0
    for (const b of batches) {
      sends += b.shared.publish(b.updates)
      if (b.updates.length > 0) this.onCommitted(b.shared)
    }
    this.account(sends)
  }

  private account(sends: number): void {
    this.periodSends += sends
    this.periodFlushes++
    const now = performance.now()
    const elapsed = now - this.periodStart
    if (elapsed >= RATE_PERIOD_MS) {
      this.sendRate = (this.periodSends / elapsed) * 1000
      this.fanoutPerFlush = this.periodSends / this.periodFlushes
      this.periodStart = now
      this.periodSends = 0
      this.periodFlushes = 0
    }
  }
}
