/**
 * Breakout groups, for the session's teachers and assistants (or the admin): call everyone back
 * (the groups' boards are kept in the main room) and send a message to every group.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { broadcastRequestSchema, type BreakoutReturnResponse } from '#common/api/breakouts.ts'
import type { TokenService } from '../../auth/tokens.ts'
import type { Breakouts } from '../../sessions/breakouts.ts'
import { parseOrThrow } from '../errors.ts'
import { requireCaller } from '../authorize.ts'
import { sessionIdParam } from './sessions.ts'

export interface BreakoutRouteDeps {
  tokens: TokenService
  adminToken: string
  breakouts: Breakouts
}

export function breakoutRoutes(app: FastifyInstance, deps: BreakoutRouteDeps): void {
  const moderator = async (req: FastifyRequest) => {
    const id = sessionIdParam(req)
    const caller = await requireCaller(req, deps, id, ['teacher', 'assistant'])
    return { id, name: caller.kind === 'participant' ? caller.token.name : '' }
  }

  app.post('/api/sessions/:id/breakouts/return', async (req): Promise<BreakoutReturnResponse> => {
    const { id } = await moderator(req)
    return { copiedPages: await deps.breakouts.callBack(id) }
  })

  app.post('/api/sessions/:id/breakouts/broadcast', async (req, reply) => {
    const { id, name } = await moderator(req)
    const body = parseOrThrow(broadcastRequestSchema, req.body, 'message')
    await deps.breakouts.broadcast(id, body.text, name)
    return reply.code(204).send()
  })
}
