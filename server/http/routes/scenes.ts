import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { AtriumError } from '#common/errors.ts'
import type { SceneCatalog } from '../../scenes/catalog.ts'

/** The scene catalog (`/api/scenes`) and the packages' files (`/scenes/<id>/<path>`). */
export async function sceneRoutes(app: FastifyInstance, deps: { catalog: SceneCatalog; scenesDir: string }) {
  app.get('/api/scenes', async () => ({
    scenes: deps.catalog.list().map((s) => ({ id: s.id, kind: s.kind, title: s.title, description: s.description })),
  }))
  app.get('/api/scenes/:id', async (req) => {
    const entry = deps.catalog.get((req.params as { id: string }).id)
    if (!entry) throw AtriumError.notFound('There is no scene with this id.')
    return entry.scene
  })
  await app.register(fastifyStatic, {
    root: path.resolve(deps.scenesDir),
    prefix: '/scenes/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    allowedPath: (pathName) => deps.catalog.get(pathName.split('/').filter(Boolean)[0] ?? '') !== undefined,
  })
}
