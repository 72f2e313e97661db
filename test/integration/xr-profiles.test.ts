/**
 * The WebXR input profiles (layouts and controller and hand models) come from our own server at
 * /xr/profiles/, from the installed @webxr-input-profiles/assets package; nothing outside its
 * profiles folder can be reached through that path.
 */
import fs from 'node:fs'
import path from 'node:path'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { xrProfilesDir } from '../../server/http/routes/xr-profiles.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

/** A GET with the path sent exactly as written (fetch would normalise `..` away first). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = ''
        res.setEncoding('latin1')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      .on('error', reject)
  })
}

describe('XR input profiles', () => {
  it('serves the profile list, a controller layout and its model with long cache headers', async () => {
    const list = await fetch(`${server.url}/xr/profiles/profilesList.json`)
    expect(list.status).toBe(200)
    expect(list.headers.get('cache-control')).toBe('public, max-age=604800')
    const profiles = (await list.json()) as Record<string, { path: string }>
    expect(profiles['meta-quest-touch-plus']?.path).toBe('meta-quest-touch-plus/profile.json')

    const profile = await fetch(`${server.url}/xr/profiles/meta-quest-touch-plus/profile.json`)
    expect(profile.status).toBe(200)
    expect(((await profile.json()) as { profileId: string }).profileId).toBe('meta-quest-touch-plus')

    const model = await fetch(`${server.url}/xr/profiles/meta-quest-touch-plus/left.glb`)
    expect(model.status).toBe(200)
    expect(model.headers.get('content-type')).toBe('model/gltf-binary')
    const bytes = new Uint8Array(await model.arrayBuffer())
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('glTF')
    expect(bytes.byteLength).toBe(fs.statSync(path.join(xrProfilesDir, 'meta-quest-touch-plus', 'left.glb')).size)

    const hand = await fetch(`${server.url}/xr/profiles/generic-hand/right.glb`)
    expect(hand.status).toBe(200)
  })

  it('answers a missing profile file with a 404, not the app page', async () => {
    const res = await fetch(`${server.url}/xr/profiles/no-such-controller/left.glb`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
    expect((await fetch(`${server.url}/xr/profiles/no-such-controller`)).status).toBe(404)
  })

  it('reaches nothing outside the profiles folder', async () => {
    const outside = [
      '/xr/profiles/../../package.json',
      '/xr/profiles/%2e%2e/%2e%2e/package.json',
      '/xr/profiles/..%2f..%2fpackage.json',
      '/xr/profiles/%2e%2e%2f%2e%2e%2fLICENSE.md',
      '/xr/profiles/meta-quest-touch-plus/../../../LICENSE.md',
      '/xr/profiles//etc/passwd',
    ]
    for (const p of outside) {
      const res = await rawGet(server.url, p)
      expect(res.status, p).toBeGreaterThanOrEqual(400)
      expect(res.body, p).not.toContain('"name"')
      expect(res.body, p).not.toContain('Permission is hereby granted')
      expect(res.body, p).not.toContain('root:')
    }
  })
})
