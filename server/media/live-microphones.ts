import { ServerError, TrackSource, type RoomServiceClient } from 'livekit-server-sdk'
import { sessionOfRoom } from './media-service.ts'

export interface LiveMicrophone {
  sessionId: string
  identity: string
}

/**
 * Everyone whose microphone is live now (published and not muted) in Atrium's media rooms, as
 * the media server itself reports it through RoomService, so a real LiveKit and the embedded SFU
 * answer alike.
 */
export async function listLiveMicrophones(client: RoomServiceClient): Promise<LiveMicrophone[]> {
  const live: LiveMicrophone[] = []
  for (const room of await client.listRooms()) {
    const sessionId = sessionOfRoom(room.name)
    if (!sessionId || room.numParticipants === 0) continue
    let people
    try {
      people = await client.listParticipants(room.name)
    } catch (err) {
      // The room closed between the two calls.
      if (err instanceof ServerError && err.status === 404) continue
      throw err
    }
    for (const p of people) {
      if (p.tracks.some((t) => t.source === TrackSource.MICROPHONE && !t.muted)) {
        live.push({ sessionId, identity: p.identity })
      }
    }
  }
  return live
}
