/** Typed calls to Atrium's REST API. Every response is validated; failures become ApiError. */
import { errorEnvelopeSchema } from '#common/api/error-envelope.ts'
import { sceneListSchema, type SceneList } from '#common/api/scenes.ts'
import { sessionInfoSchema, type SessionInfo } from '#common/api/sessions.ts'
import { joinResponseSchema, lobbyResponseSchema, type JoinResponse, type LobbyResponse } from '#common/api/join.ts'
import { z } from 'zod'
import { AtriumError, ErrorCode } from '#common/errors.ts'
import type { Scene } from '#common/scene/schema.ts'
import { loadScene } from '#common/scene/load.ts'

/** A request failed: a server error code, or `network` when the server was not reached. */
export type ApiFailure = { kind: 'server'; error: AtriumError } | { kind: 'network' }

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'server' ? failure.error.message : 'network error')
  }
}

async function request<S extends z.ZodType>(schema: S, path: string, init?: RequestInit): Promise<z.infer<S>> {
  let res: Response
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } })
  } catch {
    throw new ApiError({ kind: 'network' })
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => undefined)
  if (!res.ok) {
    const env = errorEnvelopeSchema.safeParse(body)
    const error = env.success
      ? new AtriumError(env.data.error.code, env.data.error.message, env.data.error.issues, env.data.error.reason)
      : new AtriumError(ErrorCode.Internal, `HTTP ${res.status}`)
    throw new ApiError({ kind: 'server', error })
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ApiError({ kind: 'server', error: new AtriumError(ErrorCode.Internal, 'bad response') })
  return parsed.data
}

export function getSession(id: string): Promise<SessionInfo> {
  return request(sessionInfoSchema, `/api/sessions/${encodeURIComponent(id)}`)
}

/** Admitted at once (a join response) or asked to wait in the lobby (a lobby response). */
export function joinSession(id: string, invite: string, name: string): Promise<JoinResponse | LobbyResponse> {
  return request(z.union([lobbyResponseSchema, joinResponseSchema]), `/api/sessions/${encodeURIComponent(id)}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invite, name }),
  })
}

/**
 * Waits in the lobby (a long poll of up to 25 s): the join response once admitted, `null` when
 * still waiting; throws ApiError (403) when the teacher declined.
 */
export function waitInLobby(id: string, lobbyToken: string): Promise<JoinResponse | null> {
  return request(joinResponseSchema.nullable(), `/api/sessions/${encodeURIComponent(id)}/lobby/wait`, {
    headers: { authorization: `Bearer ${lobbyToken}` },
  })
}

/** New tokens for the same participant, with the session token. */
export function refresh(id: string, sessionToken: string): Promise<JoinResponse> {
  return request(joinResponseSchema, `/api/sessions/${encodeURIComponent(id)}/refresh`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken}` },
  })
}

/** The scene catalog (`GET /api/scenes`). */
export function getScenes(): Promise<SceneList> {
  return request(sceneListSchema, '/api/scenes')
}

export async function getScene(id: string): Promise<Scene> {
  let res: Response
  try {
    res = await fetch(`/api/scenes/${encodeURIComponent(id)}`)
  } catch {
    throw new ApiError({ kind: 'network' })
  }
  if (!res.ok) throw new ApiError({ kind: 'server', error: AtriumError.notFound('scene not found') })
  const loaded = loadScene(await res.json())
  if (!loaded.ok) throw new ApiError({ kind: 'server', error: AtriumError.badRequest('scene is invalid') })
  return loaded.scene
}
