/**
 * A small xAPI LRS for tests: accepts `POST /statements` (a statement or an array), checks the
 * headers and the basics xAPI 1.0.3 requires of every statement, and keeps what it accepted.
 * It can be switched to fail (503) to simulate an outage.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TestLrs {
  url: string
  statements: Record<string, any>[]
  rejected: string[]
  failing: boolean
  close(): Promise<void>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i

/** Independent checks from the xAPI 1.0.3 spec (Part Two, 2.4), written apart from Atrium's schema. */
function problems(s: Record<string, any>): string[] {
  const p: string[] = []
  if (!UUID.test(s.id ?? '')) p.push('id must be a UUID')
  const a = s.actor ?? {}
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => a[k] !== undefined)
  if (ifis.length !== 1) p.push('actor needs exactly one inverse functional identifier')
  if (a.account && (!IRI.test(a.account.homePage ?? '') || !a.account.name))
    p.push('actor.account needs homePage and name')
  if (!IRI.test(s.verb?.id ?? '')) p.push('verb.id must be an IRI')
  if (!IRI.test(s.object?.id ?? '')) p.push('object.id must be an IRI')
  if (s.timestamp && Number.isNaN(Date.parse(s.timestamp))) p.push('timestamp must be ISO 8601')
  if (s.context?.registration !== undefined && !UUID.test(s.context.registration)) p.push('registration must be a UUID')
  if (s.result?.duration !== undefined && !/^P/.test(s.result.duration)) p.push('duration must be ISO 8601')
  for (const k of Object.keys(s)) {
    if (
      ![
        'id',
        'actor',
        'verb',
        'object',
        'result',
        'context',
        'timestamp',
        'stored',
        'authority',
        'version',
        'attachments',
      ].includes(k)
    ) {
      p.push(`unknown property ${k}`)
    }
  }
  return p
}

export async function startTestLrs(auth = { username: 'lrs-user', password: 'lrs-pass' }, port = 0): Promise<TestLrs> {
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
  const lrs: TestLrs = { url: '', statements: [], rejected: [], failing: false, close: async () => {} }
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      if (lrs.failing) return void res.writeHead(503).end('down for maintenance')
      if (req.method !== 'POST' || !req.url?.endsWith('/statements')) return void res.writeHead(404).end()
      if (req.headers['x-experience-api-version'] !== '1.0.3') return void res.writeHead(400).end('version header')
      if (req.headers.authorization !== expected) return void res.writeHead(401).end()
      let parsed: unknown
      try {
        parsed = JSON.parse(body)
      } catch {
        return void res.writeHead(400).end('not JSON')
      }
      const list = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, any>[]
      const bad = list.flatMap((s) => problems(s).map((m) => `${s.id}: ${m}`))
      if (bad.length > 0) {
        lrs.rejected.push(...bad)
        return void res.writeHead(400).end(bad.join('\n'))
      }
      const known = new Set(lrs.statements.map((s) => s.id))
      if (list.some((s) => known.has(s.id))) return void res.writeHead(409).end('conflict')
      lrs.statements.push(...list)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list.map((s) => s.id)))
    })
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  lrs.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`
  lrs.close = () => new Promise((r) => server.close(() => r()))
  return lrs
}
