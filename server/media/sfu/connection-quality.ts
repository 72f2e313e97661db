/**
 * Connection quality as the embedded SFU judges it, for LiveKit's `connectionQuality` signal
 * (livekit-client raises ConnectionQualityChanged from it): a participant whose signal socket is
 * gone is lost; one who publishes is judged by the share of their packets that do not arrive (the
 * same measure the bandwidth estimate uses); anyone else with a live socket is excellent.
 */
import { ConnectionQuality } from '@livekit/protocol'

/** Loss above which a publisher's connection is only good, then poor. */
export const GOOD_LOSS = 0.02
export const POOR_LOSS = 0.08

export function judgeQuality(p: { connected: boolean; publishing: boolean; loss: number }): ConnectionQuality {
  if (!p.connected) return ConnectionQuality.LOST
  if (!p.publishing || p.loss <= GOOD_LOSS) return ConnectionQuality.EXCELLENT
  return p.loss <= POOR_LOSS ? ConnectionQuality.GOOD : ConnectionQuality.POOR
}

/** LiveKit's score scale (1 worst … 5 best) for a quality. */
export function qualityScore(q: ConnectionQuality): number {
  return q === ConnectionQuality.EXCELLENT
    ? 5
    : q === ConnectionQuality.GOOD
      ? 3.5
      : q === ConnectionQuality.POOR
        ? 2
        : 1
}
