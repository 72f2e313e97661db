import { RoomServiceClient } from 'livekit-server-sdk'
import type { MediaCredentials } from './media-service.ts'

/**
 * livekit-server-sdk's RoomServiceClient for whichever media server answers now: the embedded
 * SFU's Twirp RoomService on this server, or the real LiveKit. A new client only when the host
 * changes (the embedded one is known once the port is bound).
 */
export function roomServiceFor(host: () => string, credentials: MediaCredentials): () => RoomServiceClient {
  let client: RoomServiceClient | undefined
  let clientHost = ''
  return () => {
    const now = host()
    if (!client || now !== clientHost) {
      client = new RoomServiceClient(now, credentials.apiKey, credentials.apiSecret)
      clientHost = now
    }
    return client
  }
}
