/** `POST /api/scenes`: a teacher or an admin uploads a scene package as a zip. See docs/api.md. */
import type { FastifyInstance } from 'fastify'
import { AtriumError, ErrorCode } from '#common/errors.ts'
import type { TokenService } from '../../auth/tokens.ts'
import { PACKAGE_LIMITS, formatBytes } from '../../scenes/package/limits.ts'
import type { UploadService, Uploader } from '../../scenes/upload/upload-service.ts'
import { rateLimited } from '../rate-limit.ts'
import { callerOf } from './bearer.ts'

const tooLarge = () =>
  new AtriumError(ErrorCode.PayloadTooLarge, `The zip is larger than ${formatBytes(PACKAGE_LIMITS.maxZipBytes)}.`)

export function sceneUploadRoutes(
  app: FastifyInstance,
  deps: { tokens: TokenService; adminToken: string; uploads: UploadService },
): void {
  app.register(async (scoped) => {
    scoped.addContentTypeParser(
      ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: PACKAGE_LIMITS.maxZipBytes },
      (_req, body, done) => done(null, body),
    )
    scoped.post(
      '/api/scenes',
      {
        bodyLimit: PACKAGE_LIMITS.maxZipBytes,
        config: rateLimited(20, (req) => `upload:${req.ip}`),
        // Before reading a byte of the body: refuse by announced length (with the limit in the
        // message) and by token, so nobody without the right makes the server buffer a zip.
        onRequest: async (req) => {
          if (Number(req.headers['content-length'] ?? 0) > PACKAGE_LIMITS.maxZipBytes) throw tooLarge()
          const caller = await callerOf(req, deps.tokens, deps.adminToken)
          if (caller.kind === 'participant' && caller.token.role !== 'teacher') {
            throw AtriumError.forbidden('Only teachers and admins upload scene packages.')
          }
          ;(req as { uploader?: Uploader }).uploader =
            caller.kind === 'admin'
              ? { kind: 'admin' }
              : { kind: 'teacher', identity: caller.token.identity, sessionId: caller.token.sessionId }
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw AtriumError.badRequest('Send the package as a zip (Content-Type: application/zip).')
        const uploader = (req as { uploader?: Uploader }).uploader!
        const r = await deps.uploads.accept(req.body, uploader)
        return reply.code(r.replaced ? 200 : 201).send({
          id: r.scene.id,
          kind: r.scene.kind,
          title: r.scene.title,
          files: r.files,
          bytes: r.bytes,
          replaced: r.replaced,
        })
      },
    )
  })
}
