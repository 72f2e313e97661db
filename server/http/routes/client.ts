import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance, FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import { AtriumError } from '#common/errors.ts'
import { sendError } from '../errors.ts'

/** Paths that are never a page of the app: a miss there is a 404, not index.html. */
const API_PREFIXES = ['/api/', '/collab/', '/rtc', '/twirp/', '/scenes/', '/xr/']

/**
 * Serves the built browser client. Hashed bundles are cached for a year; index.html never is,
 * and every page route (`/`, `/s/<id>`) gets index.html so the app can route in the browser.
 */
export async function clientRoutes(app: FastifyInstance, clientDir: string): Promise<void> {
  const index = path.join(clientDir, 'index.html')
  if (fs.existsSync(clientDir)) {
    await app.register(fastifyStatic, {
      root: clientDir,
      prefix: '/',
      index: false,
      wildcard: true,
      setHeaders(res, file) {
        if (file.includes(`${path.sep}_app${path.sep}`))
          res.header('Cache-Control', 'public, max-age=31536000, immutable')
        else res.header('Cache-Control', 'no-cache')
      },
    })
  }
  const sendIndex = (reply: FastifyReply) => {
    if (!fs.existsSync(index)) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The browser client is not built yet. `npm start` builds it; or run `npm run build`.')
    }
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(fs.createReadStream(index))
  }
  // The static handler answers a directory (`/`) with 403; the home page is the app too.
  app.get('/', (_req, reply) => sendIndex(reply))
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/'
    const wantsPage = req.method === 'GET' && !API_PREFIXES.some((p) => url.startsWith(p)) && !path.extname(url)
    if (!wantsPage) return sendError(reply, AtriumError.notFound(`Nothing is at ${req.method} ${url}.`))
    return sendIndex(reply)
  })
}
