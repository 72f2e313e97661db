/**
 * Boards endpoints (docs/api.md, "Boards"), all with `Authorization: Bearer <session token>`:
 *   POST /api/sessions/:id/boards/:board/slides            PDF/PNG/JPEG bytes → pages (moderators)
 *   POST /api/sessions/:id/boards/images                   PNG/JPEG bytes for an image item (who may draw)
 *   GET  /api/sessions/:id/boards/assets/:sha              an uploaded file of this session
 *   POST /api/sessions/:id/boards/:board/export            the whole board as a PDF, kept in records
 *   POST /api/sessions/:id/boards/:board/pages/:page/png   a PNG of a page, kept in records
 *   GET  /api/sessions/:id/boards/exports                  the session's exports
 *   GET  /api/sessions/:id/boards/exports/:exportId        one export's file
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { boardIdSchema } from '#common/api/boards.ts'
import { AtriumError } from '#common/errors.ts'
import { sessionIdSchema } from '#common/ids.ts'
import { isModerator } from '#common/roles.ts'
import { Audience, type TokenService, type VerifiedToken } from '../auth/tokens.ts'
import { errorHandler, parseOrThrow, sendError } from '../http/errors.ts'
import type { BoardService } from './board-service.ts'
import { MIME } from './sniff.ts'

const BINARY_TYPES = ['application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg']

const params = z.object({
  id: sessionIdSchema,
  board: boardIdSchema.optional(),
  page: z.string().min(1).max(80).optional(),
  sha: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a sha-256')
    .optional(),
  exportId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .optional(),
})

async function participant(req: FastifyRequest, tokens: TokenService): Promise<VerifiedToken> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
  const v = await tokens.verify(bearer, Audience.Session)
  if (!v.ok) throw AtriumError.unauthorized('This needs your session token: Authorization: Bearer <token>.')
  const { id } = parseOrThrow(params, req.params, 'path')
  if (v.token.sessionId !== id) throw AtriumError.forbidden('This token belongs to another session.')
  return v.token
}

function bodyBytes(req: FastifyRequest): Uint8Array {
  if (!Buffer.isBuffer(req.body)) {
    throw new AtriumError(
      'unsupported_media_type',
      'Send the file itself as the body (Content-Type: application/pdf, image/png, image/jpeg or application/octet-stream).',
    )
  }
  return new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength)
}

export async function boardRoutes(
  app: FastifyInstance,
  deps: { boards: BoardService; tokens: TokenService },
): Promise<void> {
  const { boards, tokens } = deps
  const maxMb = Math.round(deps.boards.limits.maxUploadBytes / (1024 * 1024))
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      BINARY_TYPES,
      { parseAs: 'buffer', bodyLimit: boards.limits.maxUploadBytes },
      (_req, body, done) => done(null, body),
    )
    const tooLarge = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413
        ? sendError(
            reply,
            new AtriumError('payload_too_large', `The file is larger than the upload limit of ${maxMb} MB.`),
          )
        : errorHandler(err, req, reply)
    const upload = { bodyLimit: boards.limits.maxUploadBytes, errorHandler: tooLarge }

    scope.post('/api/sessions/:id/boards/:board/slides', upload, async (req, reply) => {
      const who = await participant(req, tokens)
      if (!isModerator(who.role)) throw AtriumError.forbidden('Only the teacher and assistants can upload slides.')
      const { board } = parseOrThrow(params, req.params, 'path')
      const res = await boards.uploadSlides(who.sessionId, board!, bodyBytes(req), who)
      return reply.code(201).send(res)
    })

    scope.post('/api/sessions/:id/boards/images', upload, async (req, reply) => {
      const who = await participant(req, tokens)
      return reply.code(201).send(await boards.uploadImage(who.sessionId, bodyBytes(req), who))
    })

    scope.post('/api/sessions/:id/boards/:board/pages/:page/png', upload, async (req, reply) => {
      const who = await participant(req, tokens)
      const { board, page } = parseOrThrow(params, req.params, 'path')
      return reply.code(201).send(await boards.savePng(who.sessionId, board!, page!, bodyBytes(req), who))
    })
  })

  app.get('/api/sessions/:id/boards/assets/:sha', async (req, reply) => {
    const who = await participant(req, tokens)
    const { sha } = parseOrThrow(params, req.params, 'path')
    const file = boards.asset(who.sessionId, sha!)
    if (!file) throw AtriumError.notFound('This session has no such file.')
    return reply
      .type(MIME[file.kind as keyof typeof MIME])
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .send(file.bytes)
  })

  app.post('/api/sessions/:id/boards/:board/export', async (req, reply) => {
    const who = await participant(req, tokens)
    const { board } = parseOrThrow(params, req.params, 'path')
    return reply.code(201).send(await boards.exportPdf(who.sessionId, board!, who))
  })

  app.get('/api/sessions/:id/boards/exports', async (req) => {
    const who = await participant(req, tokens)
    return { exports: boards.listExports(who.sessionId) }
  })

  app.get('/api/sessions/:id/boards/exports/:exportId', async (req, reply) => {
    const who = await participant(req, tokens)
    const { exportId } = parseOrThrow(params, req.params, 'path')
    const file = boards.exportFile(who.sessionId, exportId!)
    if (!file) throw AtriumError.notFound('This session has no such export.')
    return reply.type(MIME[file.format]).send(file.bytes)
  })
}
