import { useStore } from 'zustand'
import type { Participant } from '../state/participants.ts'
import { isModerator } from '#common/roles.ts'
import { mediaStore } from '../state/media-store.ts'

export interface RemotePerson {
  participant: Participant
  camera: MediaStreamTrack | undefined
}

/**
 * Who the physical class cannot see in the room: everyone joining from elsewhere, with their
 * camera when it is on; and who is speaking now (not the classroom itself, which the class hears).
 */
export function useProjectorPeople(participants: readonly Participant[], me: string) {
  const remotes = useStore(mediaStore, (s) => s.remotes)
  const speakers = useStore(mediaStore, (s) => s.speakers)
  const remote: RemotePerson[] = participants
    .filter((p) => !p.via.startsWith('onsite') && p.role !== 'room' && !isModerator(p.role))
    .map((p) => ({ participant: p, camera: remotes[p.identity]?.camera }))
  const speakerId = speakers.find((id) => id !== me)
  const speaker = participants.find((p) => p.identity === speakerId && p.role !== 'room')
  return { remote, speaker }
}
