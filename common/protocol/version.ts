/**
 * Version of Atrium's own wire protocol (collab document layout, presence schema, data messages).
 * A client sends it as the `v` query parameter on the collab socket; a missing value means 1.
 * Bump it for a breaking change and record the change in PROTOCOL.md.
 */
export const PROTOCOL_VERSION = 1

/** Oldest client protocol the server still accepts; older clients are closed with 4426. */
export const MIN_SUPPORTED_PROTOCOL_VERSION = 1
