/** `POST /api/sessions/:id/join`. See docs/api.md. */
import { z } from 'zod'
import { displayNameSchema } from '../display-name.ts'
import { roleSchema } from '../roles.ts'

export const joinRequestSchema = z.strictObject({
  invite: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  name: displayNameSchema,
})
export type JoinRequest = z.infer<typeof joinRequestSchema>

export const joinResponseSchema = z.object({
  participant: z.object({
    identity: z.string(),
    name: z.string(),
    role: roleSchema,
  }),
  session: z.object({ id: z.string(), title: z.string(), scene: z.string() }),
  /** Signed session token: role, identity, name, session id, expiry. */
  token: z.string(),
  expiresAt: z.string(),
  collab: z.object({
    /** WebSocket base URL of the Yjs endpoint; a document is opened at `${url}/${docName}`. */
    url: z.string(),
    token: z.string(),
    /** Every document this participant may open, by its role in the session layout. */
    docs: z.record(z.string(), z.string()),
  }),
  media: z.object({
    /** Exactly what livekit-client's `room.connect(url, token)` takes. */
    url: z.string(),
    token: z.string(),
  }),
})
export type JoinResponse = z.infer<typeof joinResponseSchema>

/**
 * `202` from a join while the session has a waiting room: the person waits in the lobby until a
 * moderator admits them. `GET /api/sessions/:id/lobby/wait` with the lobby token answers with the
 * join response once admitted (long poll).
 */
export const lobbyResponseSchema = z.object({
  status: z.literal('waiting'),
  participant: z.object({ identity: z.string(), name: z.string(), role: roleSchema }),
  session: z.object({ id: z.string(), title: z.string() }),
  lobbyToken: z.string(),
})
export type LobbyResponse = z.infer<typeof lobbyResponseSchema>
