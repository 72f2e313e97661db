import type { FastifyRequest } from 'fastify'
import type { RateLimitOptions } from '@fastify/rate-limit'
import { AtriumError, ErrorCode } from '#common/errors.ts'

/** Route config for @fastify/rate-limit: `max` requests a minute per key. */
export function rateLimited(
  max: number,
  keyGenerator: (req: FastifyRequest) => string,
): { rateLimit: RateLimitOptions } {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      keyGenerator,
      errorResponseBuilder: (_req, ctx) =>
        new AtriumError(ErrorCode.RateLimited, `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`),
    },
  }
}
