/**
 * Role → LiveKit grants. Pure: the same grants go to the embedded SFU and to a real LiveKit.
 * Learners may use microphone and camera by session policy (default: allowed, start muted);
 * on-site learners get no microphone (the room microphone hears them).
 */
import { TrackSource, type VideoGrant } from 'livekit-server-sdk'
import type { Role } from '#common/roles.ts'

const allSources = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
]

const sourcesByRole: Record<Role, TrackSource[]> = {
  teacher: allSources,
  assistant: allSources,
  learner: [TrackSource.CAMERA, TrackSource.MICROPHONE],
  onsite: [TrackSource.CAMERA],
  room: [TrackSource.CAMERA, TrackSource.MICROPHONE],
  observer: [],
}

export function grantsForRole(role: Role, room: string): VideoGrant {
  const sources = sourcesByRole[role]
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: sources.length > 0,
    canPublishSources: sources,
    // Observers still send nothing, not even poses.
    canPublishData: role !== 'observer',
    canUpdateOwnMetadata: false,
  }
}
