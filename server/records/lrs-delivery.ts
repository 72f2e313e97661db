/**
 * Posts queued xAPI statements to the institution's LRS (`XAPI_ENDPOINT`), oldest first, in
 * batches. A failed batch is retried with exponential backoff and jitter (1 s doubling to 10 min);
 * the queue is the SQLite outbox, so nothing is lost while the LRS is down or Atrium restarts.
 * Statement ids are ours, so a retry of something the LRS already has is answered 409 or 200.
 */
import type { Logger } from 'pino'
import type { RecordsStore } from './records-store.ts'

export interface LrsConfig {
  /** Base of the LRS's xAPI endpoints, e.g. https://lrs.example/xapi/ */
  endpoint: string
  /** Full Authorization header value, e.g. `Basic …`. */
  authorization: string
}

const BATCH = 50
const MAX_BACKOFF_MS = 10 * 60_000
const REQUEST_TIMEOUT_MS = 15_000

export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20))
  return Math.round(base * (0.5 + random()))
}

export class LrsDelivery {
  private timer: NodeJS.Timeout | undefined
  private running = false
  private stopped = false

  constructor(
    private readonly store: RecordsStore,
    private readonly lrs: LrsConfig,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  private get url(): string {
    return `${this.lrs.endpoint.replace(/\/+$/, '')}/statements`
  }

  /** Asks for a delivery round soon (new statements were queued). */
  poke(): void {
    this.schedule(50)
  }

  start(): void {
    this.schedule(0)
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.round(), ms)
    this.timer.unref()
  }

  private async round(): Promise<void> {
    if (this.running || this.stopped) return
    this.running = true
    try {
      for (;;) {
        const due = this.store.dueStatements(this.now(), BATCH)
        if (due.length === 0) break
        const ok = await this.deliver(due)
        if (!ok) break
      }
    } finally {
      this.running = false
    }
    const next = this.store.nextDueAt()
    if (next !== undefined) this.schedule(Math.max(100, next - this.now()))
  }

  private async deliver(batch: { id: string; statement: string; attempts: number }[]): Promise<boolean> {
    const ids = batch.map((b) => b.id)
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
          authorization: this.lrs.authorization,
        },
        body: `[${batch.map((b) => b.statement).join(',')}]`,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      await res.arrayBuffer().catch(() => undefined)
      if (res.ok || res.status === 409) {
        // 409: the LRS already holds statements with these ids (an earlier attempt got through).
        this.store.markDelivered(ids, this.now())
        return true
      }
      throw new Error(`LRS answered ${res.status}`)
    } catch (err) {
      const attempts = Math.min(...batch.map((b) => b.attempts))
      const wait = backoffMs(attempts)
      this.store.markFailed(ids, this.now() + wait, (err as Error).message)
      this.log.warn(
        { count: ids.length, retryInMs: wait, err: (err as Error).message },
        'xAPI delivery failed; will retry',
      )
      return false
    }
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }
}
