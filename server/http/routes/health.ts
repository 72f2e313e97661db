import type { FastifyInstance } from 'fastify'
import { AtriumError, ErrorCode } from '#common/errors.ts'
import { sendError } from '../errors.ts'

/** Liveness and readiness. `/readyz` is 200 only while storage is open. */
export function healthRoutes(app: FastifyInstance, isReady: () => boolean): void {
  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get('/readyz', async (_req, reply) => {
    if (!isReady()) return sendError(reply, new AtriumError(ErrorCode.Unavailable, 'Storage is not open.'))
    return { status: 'ready' }
  })
}
