/**
 * WebSocket close codes of the collab endpoint: 4000 + the HTTP status that means the same.
 * The client turns each into a sentence (client/ui i18n keys `close.<name>`).
 */
export const CloseCode = {
  /** Normal closure (the client left, or the server shut down cleanly). */
  Normal: 1000,
  /** The server is restarting; reconnect. */
  GoingAway: 1001,
  /** A malformed frame or an update that is not valid Yjs. */
  BadMessage: 4400,
  /** The token is missing, invalid or has expired. Refresh it through the API and reconnect. */
  Unauthenticated: 4401,
  /** The connection tried something its role or the teacher's locks do not allow. */
  Forbidden: 4403,
  /** The document or session does not exist (or the session has ended). */
  NotFound: 4404,
  /** The peer stopped answering pings. */
  Timeout: 4408,
  /** One message was larger than the server accepts. */
  TooLarge: 4413,
  /** The client speaks a protocol version the server no longer accepts. */
  ClientTooOld: 4426,
  /** Too many messages in too short a time. */
  RateLimited: 4429,
  /** Too many connections to this session or document. */
  TooManyConnections: 4430,
  /** The server could not keep up with this client (it stopped reading). */
  Overloaded: 4503,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

export type CloseCodeName = keyof typeof CloseCode

const names = new Map<number, CloseCodeName>(
  (Object.entries(CloseCode) as [CloseCodeName, number][]).map(([k, v]) => [v, k]),
)

/** The name of a close code, or `undefined` for codes Atrium does not define. */
export function closeCodeName(code: number): CloseCodeName | undefined {
  return names.get(code)
}
