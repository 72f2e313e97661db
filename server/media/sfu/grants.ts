/** What a verified LiveKit access token allows, in the shape the SFU checks. */
import { ParticipantPermission, TrackSource } from '@livekit/protocol'
import type { ClaimGrants } from 'livekit-server-sdk'

const SOURCE_NAMES: Record<string, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
}

/** The participant permission a token grants (LiveKit defaults: publish and subscribe when unset). */
export function permissionFromGrants(claims: ClaimGrants): ParticipantPermission {
  const v = claims.video ?? {}
  const bothUnset = v.canPublish === undefined && v.canSubscribe === undefined
  const sources = (v.canPublishSources ?? []) as unknown[]
  return new ParticipantPermission({
    canSubscribe: bothUnset ? true : (v.canSubscribe ?? false),
    canPublish: bothUnset ? true : (v.canPublish ?? false),
    canPublishData: v.canPublishData ?? true,
    canPublishSources: sources
      .map((s) => (typeof s === 'number' ? (s as TrackSource) : SOURCE_NAMES[String(s)]))
      .filter((s): s is TrackSource => s !== undefined),
    hidden: v.hidden ?? false,
    canUpdateMetadata: v.canUpdateOwnMetadata ?? false,
  })
}

/** Whether a permission lets someone publish a track from this source. */
export function canPublishSource(p: ParticipantPermission, source: TrackSource): boolean {
  if (!p.canPublish) return false
  return p.canPublishSources.length === 0 || p.canPublishSources.includes(source)
}
