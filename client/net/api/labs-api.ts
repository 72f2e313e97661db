/** The lab-related REST calls: the server clock and step records. See docs/api.md. */
import { serverTimeSchema, type LabStepRecordRequest } from '#common/api/labs.ts'

/**
 * Estimates `server time − local time` in ms from a few round trips, keeping the one with the
 * shortest round trip (its midpoint is the best guess). Returns 0 when the server is unreachable.
 */
export async function measureServerOffset(samples = 3): Promise<number> {
  let best: { rtt: number; offset: number } | undefined
  for (let i = 0; i < samples; i++) {
    try {
      const t0 = Date.now()
      const res = await fetch('/api/time', { cache: 'no-store' })
      const t1 = Date.now()
      const parsed = serverTimeSchema.safeParse(await res.json())
      if (!parsed.success) continue
      const rtt = t1 - t0
      const offset = parsed.data.now - (t0 + rtt / 2)
      if (!best || rtt < best.rtt) best = { rtt, offset }
    } catch {
      // A failed sample is skipped; the offset only improves agreement between clients.
    }
  }
  return best?.offset ?? 0
}

/** Records that this participant saw a step completed; idempotent on the server. */
export async function recordLabStep(sessionId: string, token: string, body: LabStepRecordRequest): Promise<boolean> {
  try {
    const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/lab-steps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    })
    return res.ok
  } catch {
    return false
  }
}
