/**
 * The embedded SFU's HTTP face on Atrium's port: `/rtc/v1` (signal WebSocket, single peer
 * connection) and `/rtc/v1/validate`, where livekit-client asks why an upgrade failed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { EmbeddedSfu, TokenCheck } from './embedded-sfu.ts'
import { decodeJoinRequest } from './signal-codec.ts'
import { roomServiceRoutes } from './room-service.ts'
import type { JoinRequest } from '@livekit/protocol'

function tokenOf(req: FastifyRequest): string | undefined {
  const q = (req.query as { access_token?: unknown }).access_token
  if (typeof q === 'string' && q) return q
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
}

const admitted = new WeakMap<FastifyRequest, { check: Extract<TokenCheck, { ok: true }>; join: JoinRequest }>()

export function sfuRoutes(app: FastifyInstance, sfu: EmbeddedSfu): void {
  roomServiceRoutes(app, sfu)
  for (const path of ['/rtc/v1/validate', '/rtc/validate']) {
    app.get(path, async (req, reply) => {
      const check = await sfu.checkToken(tokenOf(req))
      if (!check.ok) return reply.code(401).type('text/plain').send(check.reason)
      return reply.type('text/plain').send('success')
    })
  }

  // The classic path (two peer connections) is not served yet. Without this route the upgrade would
  // succeed on the not-found handler and close at once; a 404 is what LiveKit SDKs understand.
  app.get(
    '/rtc',
    {
      websocket: true,
      preValidation: async (req, reply) => {
        const check = await sfu.checkToken(tokenOf(req))
        if (!check.ok) return reply.code(401).type('text/plain').send(check.reason)
        return reply.code(404).type('text/plain').send('this server speaks /rtc/v1 (single peer connection) only')
      },
    },
    (socket) => socket.close(1011, 'not served'),
  )

  app.get(
    '/rtc/v1',
    {
      websocket: true,
      preValidation: async (req, reply) => {
        const check = await sfu.checkToken(tokenOf(req))
        if (!check.ok) return reply.code(401).type('text/plain').send(check.reason)
        const param = (req.query as { join_request?: unknown }).join_request
        if (typeof param !== 'string') return reply.code(400).type('text/plain').send('join_request is required')
        let join: JoinRequest
        try {
          join = decodeJoinRequest(param)
        } catch {
          return reply.code(400).type('text/plain').send('join_request is not valid')
        }
        admitted.set(req, { check, join })
      },
    },
    (socket, req) => {
      const a = admitted.get(req)
      if (!a) return socket.close(1011, 'not admitted')
      void sfu.join(socket, a.check.claims, a.check.room, a.join).catch(() => socket.close(1011, 'join failed'))
    },
  )
}
