/** `GET /api/time`, `POST|GET /api/sessions/:id/lab-steps`. See docs/api.md. */
import type { FastifyInstance } from 'fastify'
import { labStepRecordRequestSchema } from '#common/api/labs.ts'
import { AtriumError } from '#common/errors.ts'
import { sessionIdSchema, type SessionId } from '#common/ids.ts'
import { isModerator } from '#common/roles.ts'
import type { TokenService } from '../../auth/tokens.ts'
import type { LabStepService } from '../../scenes/lab-steps/lab-step-service.ts'
import { parseOrThrow } from '../errors.ts'
import { rateLimited } from '../rate-limit.ts'
import { callerOf } from './bearer.ts'

export interface LabRouteDeps {
  tokens: TokenService
  adminToken: string
  labSteps: LabStepService
}

function sessionParam(params: unknown): SessionId {
  const id = sessionIdSchema.safeParse((params as { id?: unknown }).id)
  if (!id.success) throw AtriumError.notFound('There is no session with this id.')
  return id.data
}

export function labRoutes(app: FastifyInstance, deps: LabRouteDeps): void {
  // The shared lab clock is read against server time; clients measure their offset here.
  app.get('/api/time', async (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return { now: Date.now() }
  })

  app.post(
    '/api/sessions/:id/lab-steps',
    { config: rateLimited(240, (req) => `lab-steps:${req.ip}`) },
    async (req, reply) => {
      const id = sessionParam(req.params)
      const caller = await callerOf(req, deps.tokens, deps.adminToken)
      if (caller.kind !== 'participant' || caller.token.sessionId !== id) {
        throw AtriumError.forbidden('Only a participant of this session records its lab steps.')
      }
      const body = parseOrThrow(labStepRecordRequestSchema, req.body, 'request body')
      const { created } = await deps.labSteps.record(caller.token, body)
      return reply.code(created ? 201 : 200).send({ recorded: created })
    },
  )

  app.get('/api/sessions/:id/lab-steps', async (req) => {
    const id = sessionParam(req.params)
    const caller = await callerOf(req, deps.tokens, deps.adminToken)
    if (caller.kind === 'participant' && (caller.token.sessionId !== id || !isModerator(caller.token.role))) {
      throw AtriumError.forbidden("Only the session's teacher and assistants (or an admin) read its lab records.")
    }
    return { records: deps.labSteps.list(id) }
  })
}
