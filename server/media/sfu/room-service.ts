/**
 * The Twirp RoomService subset that livekit-server-sdk's RoomServiceClient calls
 * (`POST /twirp/livekit.RoomService/<Method>`, protobuf JSON, `Authorization: Bearer <JWT>`), so
 * Atrium's moderation code works the same against this server and against a real LiveKit.
 * The methods run where the rooms live (`room-service-calls.ts`).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ClaimGrants } from 'livekit-server-sdk'
import { TokenVerifier } from 'livekit-server-sdk'
import type { SfuHost } from './sfu-host.ts'
import { isRoomServiceMethod, twirpFailure, type RoomServiceResult } from './room-service-calls.ts'

export function roomServiceRoutes(app: FastifyInstance, sfu: SfuHost): void {
  const verifier = new TokenVerifier(sfu.config.apiKey, sfu.config.apiSecret)

  const send = (reply: FastifyReply, result: RoomServiceResult) =>
    result.ok ? reply.send(result.json) : reply.code(result.status).send({ code: result.code, msg: result.message })

  app.post('/twirp/livekit.RoomService/:method', async (req, reply) => {
    const method = (req.params as { method: string }).method
    if (!isRoomServiceMethod(method)) return send(reply, twirpFailure(404, 'bad_route', `no handler for ${method}`))
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
    let claims: ClaimGrants
    try {
      claims = await verifier.verify(token ?? '')
    } catch {
      return send(reply, twirpFailure(401, 'unauthenticated', 'invalid or missing token'))
    }
    return send(reply, await sfu.roomService(method, req.body ?? {}, claims))
  })
}
