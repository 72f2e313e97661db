/**
 * What the room tells everyone about who is talking: LiveKit's `speakersChanged` carries only the
 * speakers whose level or activity changed, and livekit-client keeps the rest as they were.
 */
import { SpeakerInfo } from '@livekit/protocol'

/** Levels go out in eighths, rounded up (as LiveKit does): a quiet talker still shows, and
 * small wobbles of a steady voice send nothing. */
const LEVEL_STEPS = 8

export function quantizeLevel(level: number): number {
  return Math.ceil(Math.min(1, level) * LEVEL_STEPS) / LEVEL_STEPS
}

/**
 * The updates between two rounds of levels (per participant sid, quantized, talkers only):
 * each new talker and each talker whose level moved, then each one who stopped (level 0).
 */
export function speakerChanges(before: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): SpeakerInfo[] {
  const changes: SpeakerInfo[] = []
  for (const [sid, level] of [...now].sort((a, b) => b[1] - a[1])) {
    if (before.get(sid) !== level) changes.push(new SpeakerInfo({ sid, level, active: true }))
  }
  for (const sid of before.keys()) {
    if (!now.has(sid)) changes.push(new SpeakerInfo({ sid, level: 0, active: false }))
  }
  return changes
}
