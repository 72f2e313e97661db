import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('health', () => {
  it('GET /healthz answers {"status":"ok"}', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('GET /readyz answers 200 while storage is open', async () => {
    const res = await fetch(`${server.url}/readyz`)
    expect(res.status).toBe(200)
  })

  it('GET /readyz answers 503 once storage is closed', async () => {
    const s = await startTestServer()
    try {
      s.atrium.store.close()
      const res = await s.atrium.app.inject({ method: 'GET', url: '/readyz' })
      expect(res.statusCode).toBe(503)
      expect(res.json().error.code).toBe('unavailable')
    } finally {
      await s.cleanup()
    }
  })

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
  })
})
