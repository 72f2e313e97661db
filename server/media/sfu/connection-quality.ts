/**
 * Connection quality as the embedded SFU judges it, for LiveKit's `connectionQuality` signal
 * (livekit-client raises ConnectionQualityChanged from it): a participant whose signal socket is
 * gone is lost; one whose video the server holds back (downlink-guard.ts) is poor; otherwise the
 * worse of two losses counts: of the packets they publish that do not arrive (the measure the
 * bandwidth estimate uses), and of the video sent to them that they ask for again. Someone who
 * neither publishes nor receives video has nothing to measure and is excellent.
 */
import { ConnectionQuality } from '@livekit/protocol'

/** Loss above which a publisher's connection is only good, then poor. */
export const GOOD_LOSS = 0.02
export const POOR_LOSS = 0.08

export function judgeQuality(p: {
  connected: boolean
  publishing: boolean
  loss: number
  downlink?: { loss: number; held: boolean }
}): ConnectionQuality {
  if (!p.connected) return ConnectionQuality.LOST
  if (p.downlink?.held) return ConnectionQuality.POOR
  const loss = Math.max(p.publishing ? p.loss : 0, p.downlink?.loss ?? 0)
  if (loss <= GOOD_LOSS) return ConnectionQuality.EXCELLENT
  return loss <= POOR_LOSS ? ConnectionQuality.GOOD : ConnectionQuality.POOR
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
