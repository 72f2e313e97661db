/**
 * What a participant asks about the tracks it receives, reduced to the track sids concerned:
 * `subscription` (livekit-client `setSubscribed`, the Twirp UpdateSubscriptions call) and
 * `trackSetting` (`setEnabled`, adaptive stream's visibility). Malformed sids are dropped here;
 * sids of tracks the room does not have are the room's to ignore.
 */
import { z } from 'zod'

export type SubscriptionChange =
  /** Receive the tracks again (`true`) or no longer: the track leaves the subscriber's connection. */
  | { kind: 'subscribe'; trackSids: string[]; subscribe: boolean }
  /** Keep the subscription but send no media (`false`) until enabled again. */
  | { kind: 'enable'; trackSids: string[]; enabled: boolean }

/** More than any class publishes; a longer list is someone else's mistake, not a reason to loop. */
const MAX_TRACKS = 256

const TrackSid = z.string().regex(/^TR_[A-Za-z0-9]{1,64}$/)

const SubscriptionShape = z.object({
  trackSids: z.array(z.string()),
  subscribe: z.boolean(),
  participantTracks: z.array(z.object({ trackSids: z.array(z.string()) })),
})

const TrackSettingsShape = z.object({ trackSids: z.array(z.string()), disabled: z.boolean() })

/** livekit-client's UpdateSubscription (also the body of Twirp UpdateSubscriptions). */
export function subscriptionChange(message: unknown): SubscriptionChange | undefined {
  const m = SubscriptionShape.safeParse(message)
  if (!m.success) return undefined
  // livekit-client names each track twice (flat and per participant); older clients only once.
  const sids = [...m.data.trackSids, ...m.data.participantTracks.flatMap((p) => p.trackSids)]
  return { kind: 'subscribe', trackSids: validSids(sids), subscribe: m.data.subscribe }
}

/** livekit-client's UpdateTrackSettings; quality, size and fps choose simulcast layers, which there are none of. */
export function trackSettingsChange(message: unknown): SubscriptionChange | undefined {
  const m = TrackSettingsShape.safeParse(message)
  if (!m.success) return undefined
  return { kind: 'enable', trackSids: validSids(m.data.trackSids), enabled: !m.data.disabled }
}

function validSids(sids: string[]): string[] {
  return [...new Set(sids.filter((s) => TrackSid.safeParse(s).success))].slice(0, MAX_TRACKS)
}
