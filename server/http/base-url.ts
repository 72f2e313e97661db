import type { FastifyRequest } from 'fastify'

/**
 * The base URL clients reached this server by: PUBLIC_URL when configured, else the request's own
 * Host header, so a learner on the classroom network gets addresses that work for them.
 */
export function baseUrlOf(req: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost'
  return `${req.protocol}://${host}`
}

export const toWebSocketUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws')
