/**
 * The scene catalog (`/api/scenes`), one validated scene (`/api/scenes/:id`), a package's files
 * (`/scenes/:id/<path>`) and, for packages served by `scene dev`, a change stream the client
 * follows to reload the scene on save.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { AtriumError } from '#common/errors.ts'
import type { SceneCatalog, SceneEntry } from '../../scenes/catalog.ts'
import { fileTypeOf } from '../../scenes/package/file-types.ts'
import { isHidden } from '../../scenes/package/walk.ts'

/** Response header on `/api/scenes/:id` when the package reloads on save (scene dev). */
export const SCENE_WATCH_HEADER = 'x-atrium-scene-watch'

function entryOf(catalog: SceneCatalog, id: unknown): SceneEntry {
  const entry = typeof id === 'string' ? catalog.get(id) : undefined
  if (!entry) throw AtriumError.notFound('There is no scene with this id.')
  return entry
}

export async function sceneRoutes(app: FastifyInstance, deps: { catalog: SceneCatalog }) {
  // Change streams never end by themselves; closing the server ends them so it can stop.
  const streams = new Set<{ end(): void }>()
  app.addHook('preClose', async () => {
    for (const s of streams) s.end()
  })
  app.get('/api/scenes', async () => ({
    scenes: deps.catalog.list().map(({ scene: s, origin }) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      description: s.description,
      origin,
    })),
  }))

  app.get('/api/scenes/:id', async (req, reply) => {
    const entry = entryOf(deps.catalog, (req.params as { id?: unknown }).id)
    if (entry.origin === 'dev') reply.header(SCENE_WATCH_HEADER, '1')
    reply.header('cache-control', 'no-cache')
    return entry.scene
  })

  app.get('/api/scenes/:id/changes', (req, reply) => {
    const entry = entryOf(deps.catalog, (req.params as { id?: unknown }).id)
    if (entry.origin !== 'dev') throw AtriumError.notFound('This scene is not being authored here.')
    reply.hijack()
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    })
    reply.raw.write(`retry: 1000\n\n`)
    const off = deps.catalog.onChange((changed) => {
      if (changed.scene.id === entry.scene.id) reply.raw.write(`event: change\ndata: ${changed.revision}\n\n`)
    })
    streams.add(reply.raw)
    req.raw.on('close', () => {
      off()
      streams.delete(reply.raw)
    })
  })

  app.get('/scenes/:id/*', async (req, reply) => {
    const params = req.params as { id?: unknown; '*': string }
    const entry = entryOf(deps.catalog, params.id)
    const rel = params['*']
    const type = fileTypeOf(rel)
    const root = path.resolve(entry.dir)
    const file = path.resolve(root, rel)
    if (!type || isHidden(rel) || !file.startsWith(root + path.sep)) throw AtriumError.notFound('No such file.')
    let stat: fs.Stats
    try {
      stat = fs.lstatSync(file)
    } catch {
      throw AtriumError.notFound('No such file.')
    }
    if (!stat.isFile()) throw AtriumError.notFound('No such file.')
    reply.header('content-type', type.mime)
    reply.header('cache-control', entry.origin === 'dev' ? 'no-cache' : 'public, max-age=300')
    reply.header('x-content-type-options', 'nosniff')
    return reply.send(fs.createReadStream(file))
  })
}
