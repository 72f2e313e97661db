/**
 * `GET /collab/<docName>?token=<collab token>` upgraded to a WebSocket speaking the y-websocket
 * protocol. The token and the document are checked before the upgrade: 401 for a missing,
 * tampered or expired token, 403 for a document outside the token's session or rights.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { parseDocName } from '#common/collab/doc-layout.ts'
import { AtriumError } from '#common/errors.ts'
import { Audience, type TokenService } from '../../auth/tokens.ts'
import type { CollabServer } from '../../collab/collab-server.ts'
import type { ConnectionContext } from '../../collab/connection.ts'
import type { DocRef } from '#common/collab/doc-layout.ts'
import { MIN_SUPPORTED_PROTOCOL_VERSION } from '#common/protocol/version.ts'
import { CloseCode } from '#common/protocol/close-codes.ts'

const admitted = new WeakMap<FastifyRequest, { ref: DocRef; ctx: ConnectionContext; version: number }>()

const failureMessage = {
  missing: 'A collab token is required (?token=…).',
  expired: 'The collab token has expired; ask the API for a new one.',
  invalid: 'The collab token is not valid.',
} as const

/** Why an authenticated person may not connect now (session ended, removed), if so. */
export type Admission = (ctx: ConnectionContext) => { code: CloseCode; reason: string } | undefined

export function collabRoutes(
  app: FastifyInstance,
  deps: { tokens: TokenService; collab: CollabServer; admission: Admission },
): void {
  app.get(
    '/collab/*',
    {
      websocket: true,
      preValidation: async (req) => {
        const query = req.query as { token?: unknown; v?: unknown }
        const token = typeof query.token === 'string' ? query.token : undefined
        const verified = await deps.tokens.verify(token, Audience.Collab)
        if (!verified.ok) throw AtriumError.unauthorized(failureMessage[verified.reason])
        const name = (req.params as { '*': string })['*']
        const doc = parseDocName(name)
        if (!doc) throw AtriumError.notFound(`There is no document "${name}".`)
        const t = verified.token
        if (doc.sessionId !== t.sessionId) throw AtriumError.forbidden('This token belongs to another session.')
        const ctx: ConnectionContext = {
          user: { identity: t.identity, name: t.name, role: t.role },
          sessionId: t.sessionId,
          expiresAt: t.exp,
        }
        if (deps.collab.accessFor(ctx, doc) === 'none') {
          throw AtriumError.forbidden('You may not open this document.')
        }
        // Clients before the `v` parameter spoke version 1.
        const version = typeof query.v === 'string' && /^\d{1,6}$/.test(query.v) ? Number(query.v) : 1
        admitted.set(req, { ref: doc, ctx, version })
      },
    },
    (socket, req) => {
      const a = admitted.get(req)
      if (!a) return socket.close(1011, 'not admitted')
      if (a.version < MIN_SUPPORTED_PROTOCOL_VERSION) return socket.close(CloseCode.ClientTooOld, 'update the app')
      // Refused after the upgrade, so the client gets a close code it turns into a sentence.
      const refusal = deps.admission(a.ctx)
      if (refusal) return socket.close(refusal.code, refusal.reason)
      deps.collab.attach(socket, a.ref, a.ctx)
    },
  )
}
