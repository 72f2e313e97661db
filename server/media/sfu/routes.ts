/**
 * The embedded SFU's HTTP face on Atrium's port: the signal WebSockets `/rtc/v1` (one peer
 * connection) and `/rtc` (the classic two), and their `/validate`, where LiveKit clients ask why
 * an upgrade failed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SfuHost, TokenCheck } from './sfu-host.ts'
import { roomServiceRoutes } from './room-service.ts'
import { joinParsers, type SignalJoin } from './signal-join.ts'
import type { SignalPath } from './participant-transport.ts'

/** livekit-client puts the token in the query; the native SDKs send `Authorization: Bearer`. */
function tokenOf(req: FastifyRequest): string | undefined {
  const q = (req.query as { access_token?: unknown }).access_token
  if (typeof q === 'string' && q) return q
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
}

const admitted = new WeakMap<FastifyRequest, { check: Extract<TokenCheck, { ok: true }>; join: SignalJoin }>()

export function sfuRoutes(app: FastifyInstance, sfu: SfuHost): void {
  roomServiceRoutes(app, sfu)
  for (const path of ['/rtc/v1/validate', '/rtc/validate']) {
    app.get(path, async (req, reply) => {
      const check = await sfu.checkToken(tokenOf(req))
      if (!check.ok) return reply.code(401).type('text/plain').send(check.reason)
      return reply.type('text/plain').send('success')
    })
  }

  for (const path of Object.keys(joinParsers) as SignalPath[]) {
    app.get(
      path,
      {
        websocket: true,
        preValidation: async (req, reply) => {
          const check = await sfu.checkToken(tokenOf(req))
          if (!check.ok) return reply.code(401).type('text/plain').send(check.reason)
          const parsed = joinParsers[path](req.query)
          if (!parsed.ok) return reply.code(400).type('text/plain').send(parsed.reason)
          admitted.set(req, { check, join: parsed.join })
        },
      },
      (socket, req) => {
        const a = admitted.get(req)
        if (!a) return socket.close(1011, 'not admitted')
        void sfu
          .join(socket, a.check.claims, a.check.room, a.join, req.query)
          .catch(() => socket.close(1011, 'join failed'))
      },
    )
  }
}
