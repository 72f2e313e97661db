/**
 * Error codes shared by the API and the client. Every error that crosses the wire is
 * `{"error": {"code", "message", "issues"?}}` with one of these codes.
 */
export const ErrorCode = {
  BadRequest: 'bad_request',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** HTTP status for each code; the server answers with it and clients may rely on it. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>

/** One failing field of a request body: the path into the body and what is wrong with it. */
export interface FieldIssue {
  path: string
  message: string
}

/**
 * Finer reasons a client can act on (the message is for people and may change). Sent as
 * `error.reason` next to the code.
 */
export const ErrorReason = {
  SessionEnded: 'session_ended',
  SessionLocked: 'session_locked',
  InviteExpired: 'invite_expired',
  InviteInvalid: 'invite_invalid',
  NotAdmitted: 'not_admitted',
} as const
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason]

/** An error with a wire code. Thrown inside the server, rebuilt from the envelope in the client. */
export class AtriumError extends Error {
  readonly code: ErrorCode
  readonly issues: readonly FieldIssue[] | undefined
  readonly reason: ErrorReason | undefined

  constructor(code: ErrorCode, message: string, issues?: readonly FieldIssue[], reason?: ErrorReason) {
    super(message)
    this.name = 'AtriumError'
    this.code = code
    this.issues = issues
    this.reason = reason
  }

  get status(): number {
    return errorStatus[this.code]
  }

  static badRequest(message: string, issues?: readonly FieldIssue[]): AtriumError {
    return new AtriumError(ErrorCode.BadRequest, message, issues)
  }
  static unauthorized(message = 'A valid token is required.'): AtriumError {
    return new AtriumError(ErrorCode.Unauthorized, message)
  }
  static forbidden(message: string, reason?: ErrorReason): AtriumError {
    return new AtriumError(ErrorCode.Forbidden, message, undefined, reason)
  }
  static notFound(message: string): AtriumError {
    return new AtriumError(ErrorCode.NotFound, message)
  }
}
