import type { CreateSessionResponse } from '#common/api/sessions.ts'
import type { JoinResponse } from '#common/api/join.ts'
import { TEST_ADMIN_TOKEN } from './server.ts'

export async function createSession(
  base: string,
  body: unknown = { title: 'Physics 101' },
  token = TEST_ADMIN_TOKEN,
): Promise<CreateSessionResponse> {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`)
  return (await res.json()) as CreateSessionResponse
}

export async function joinAs(base: string, sessionId: string, invite: string, name: string): Promise<JoinResponse> {
  const res = await fetch(`${base}/api/sessions/${sessionId}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invite, name }),
  })
  if (res.status !== 200) throw new Error(`join: ${res.status} ${await res.text()}`)
  return (await res.json()) as JoinResponse
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json: json as Record<string, any>, headers: res.headers }
}
