/**
 * Calls a participant makes during a session with their session token: chat, polls, and for
 * moderators running the session. Typed requests, validated responses, ApiError on failure.
 */
import { breakoutReturnResponseSchema } from '#common/api/breakouts.ts'
import { z } from 'zod'
import { errorEnvelopeSchema } from '#common/api/error-envelope.ts'
import { AtriumError, ErrorCode } from '#common/errors.ts'
import { chatMessageSchema } from '#common/api/chat.ts'
import { pollViewSchema, type AnswerPollRequest, type CreatePollRequest } from '#common/api/polls.ts'
import { invitesResponseSchema, type UpdateSessionRequest } from '#common/api/moderation.ts'
import { sessionInfoSchema } from '#common/api/sessions.ts'
import { sessionReportSchema } from '#common/api/report.ts'
import { mediaTokenResponseSchema, muteResponseSchema, speakingResponseSchema } from '#common/api/media.ts'
import type { Role } from '#common/roles.ts'
import { ApiError } from './api-client.ts'

const empty = z.unknown()

export class SessionApi {
  constructor(
    private readonly sessionId: string,
    private readonly token: () => string,
  ) {}

  private async call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<z.infer<S>> {
    let res: Response
    try {
      res = await fetch(`/api/sessions/${encodeURIComponent(this.sessionId)}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token()}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch {
      throw new ApiError({ kind: 'network' })
    }
    const payload: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined)
    if (!res.ok) {
      const env = errorEnvelopeSchema.safeParse(payload)
      throw new ApiError({
        kind: 'server',
        error: env.success
          ? new AtriumError(env.data.error.code, env.data.error.message, env.data.error.issues, env.data.error.reason)
          : new AtriumError(ErrorCode.Internal, `HTTP ${res.status}`),
      })
    }
    const parsed = schema.safeParse(payload)
    if (!parsed.success)
      throw new ApiError({ kind: 'server', error: new AtriumError(ErrorCode.Internal, 'bad response') })
    return parsed.data
  }

  chat = (text: string) => this.call(chatMessageSchema, 'POST', '/chat', { text })
  createPoll = (poll: CreatePollRequest) => this.call(pollViewSchema, 'POST', '/polls', poll)
  answerPoll = (pollId: string, answer: AnswerPollRequest) =>
    this.call(empty, 'POST', `/polls/${pollId}/answer`, answer)
  closePoll = (pollId: string) => this.call(pollViewSchema, 'POST', `/polls/${pollId}/close`, {})
  revealPoll = (pollId: string) => this.call(pollViewSchema, 'POST', `/polls/${pollId}/reveal`, {})
  update = (patch: UpdateSessionRequest) => this.call(sessionInfoSchema, 'PATCH', '', patch)
  end = () => this.call(sessionInfoSchema, 'POST', '/end', {})
  invites = () => this.call(invitesResponseSchema, 'GET', '/invites')
  rotateInvite = (role: Role) => this.call(empty, 'POST', `/invites/${role}/rotate`, {})
  admit = (identity: string) => this.call(empty, 'POST', `/lobby/${identity}/admit`, {})
  deny = (identity: string) => this.call(empty, 'POST', `/lobby/${identity}/deny`, {})
  admitAll = () => this.call(z.object({ admitted: z.number() }), 'POST', '/lobby/admit-all', {})
  remove = (identity: string) => this.call(empty, 'POST', `/participants/${identity}/remove`, {})
  report = () => this.call(sessionReportSchema, 'GET', '/report')
  muteMicrophone = (identity: string) =>
    this.call(muteResponseSchema, 'POST', `/media/participants/${identity}/mute`, {})
  muteLearners = () => this.call(muteResponseSchema, 'POST', '/media/mute-learners', {})
  callBack = () => this.call(breakoutReturnResponseSchema, 'POST', '/breakouts/return', {})
  broadcast = (text: string) => this.call(empty, 'POST', '/breakouts/broadcast', { text })
  setSpeaking = (identity: string, allowed: boolean) =>
    this.call(speakingResponseSchema, 'PUT', `/media/participants/${identity}/speaking`, { allowed })
  /** A media token for the main room (no group) or a breakout group's room. */
  mediaToken = (group?: string) =>
    this.call(mediaTokenResponseSchema, 'POST', '/media/token', group === undefined ? {} : { group })

  /** The report as a CSV file. */
  async reportCsv(): Promise<Blob> {
    const res = await fetch(`/api/sessions/${encodeURIComponent(this.sessionId)}/report.csv`, {
      headers: { authorization: `Bearer ${this.token()}` },
    }).catch(() => {
      throw new ApiError({ kind: 'network' })
    })
    if (!res.ok)
      throw new ApiError({ kind: 'server', error: new AtriumError(ErrorCode.Internal, `HTTP ${res.status}`) })
    return res.blob()
  }
}
