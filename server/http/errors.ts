import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { AtriumError, ErrorCode, type FieldIssue } from '#common/errors.ts'
import type { ErrorEnvelope } from '#common/api/error-envelope.ts'
import { formatPath } from '#common/scene/load.ts'

export function sendError(reply: FastifyReply, err: AtriumError): FastifyReply {
  const body: ErrorEnvelope = { error: { code: err.code, message: err.message } }
  if (err.issues) body.error.issues = [...err.issues]
  if (err.reason) body.error.reason = err.reason
  if (err.code === ErrorCode.Unauthorized) reply.header('WWW-Authenticate', 'Bearer')
  return reply.code(err.status).type('application/json').send(body)
}

/** Validates a request part with a zod schema, or throws a 400 naming every failing field path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const issues: FieldIssue[] = r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
  const summary = issues.map((i) => `${i.path} ${i.message}`).join('; ')
  throw AtriumError.badRequest(`The ${what} is not valid: ${summary}`, issues)
}

const byStatus: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
}

const friendly: Partial<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'The request body must be JSON (Content-Type: application/json).',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send a JSON object.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
}

/** Turns anything thrown in a route into the JSON error envelope. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AtriumError) return sendError(reply, err)
  const status = (err as FastifyError).statusCode
  const code = status !== undefined ? byStatus[status] : undefined
  if (code) {
    const fcode = (err as FastifyError).code
    const message = (fcode && friendly[fcode]) || (status === 400 ? 'The request is not valid.' : err.message)
    return sendError(reply, new AtriumError(code, message))
  }
  req.log.error({ err }, 'request failed')
  return sendError(reply, new AtriumError(ErrorCode.Internal, 'Something went wrong on the server.'))
}
