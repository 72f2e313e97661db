/**
 * WebXR input profiles at `/xr/profiles/`: the profile list, each controller's button layout
 * (`profile.json`) and its models (`left.glb`, `right.glb`, `none.glb`), and the hand models, as
 * published in the npm package @webxr-input-profiles/assets (a dependency, MIT; assets/LICENSES.md).
 * @react-three/xr's `baseAssetPath` points here, so a headset never fetches them from a CDN.
 * They are served from node_modules rather than copied into `assets/`: 98 MB of models would
 * otherwise be copied into every client build.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

export const XR_PROFILES_PREFIX = '/xr/profiles/'

/** The package's `dist/profiles/` folder. */
export const xrProfilesDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@webxr-input-profiles/assets/package.json')),
  'dist',
  'profiles',
)

/**
 * A week: the files change only when the pinned package version does, and then the ETag (size and
 * file time, which npm sets at install) tells a browser that revalidates. Not `immutable`, as the
 * URLs carry no version.
 */
const CACHE_CONTROL = 'public, max-age=604800'

export async function xrProfileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: xrProfilesDir,
    prefix: XR_PROFILES_PREFIX,
    // The client's static handler already decorates the reply.
    decorateReply: false,
    index: false,
    // Only what a profile is made of; `send` also refuses `..` and dotfiles under the root.
    allowedPath: (pathName) => /^[A-Za-z0-9/-]+\.(json|glb)$/.test(pathName),
    setHeaders(res) {
      res.header('Cache-Control', CACHE_CONTROL)
      res.header('X-Content-Type-Options', 'nosniff')
    },
  })
}
