/** Bounds of the collab endpoint. Defaults suit a class of a few hundred; config.ts can override. */
export interface CollabLimits {
  /** Largest single message; bigger ones close the socket with 4413 and change nothing. */
  maxMessageBytes: number
  /** Token bucket per connection: sustained messages per second and the burst allowed. */
  messagesPerSecond: number
  messageBurst: number
  /** Token bucket per connection on bytes. */
  bytesPerSecond: number
  byteBurst: number
  maxConnectionsPerSession: number
  maxConnectionsPerDoc: number
  /**
   * Unsent bytes a connection may have queued. Past it the server stops queueing updates for that
   * client and sends one catch-up diff once it has drained, so memory stays bounded.
   */
  sendBufferBytes: number
  /** A client that stays behind this long has stopped reading: it is closed (4503) and resyncs. */
  stallTimeoutMs: number
  /** How long a document with nobody connected stays in memory. */
  idleUnloadMs: number
  /** Compact a document's log once it holds this many updates, or this many bytes. */
  compactAfterUpdates: number
  compactAfterBytes: number
}

export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
  maxMessageBytes: 2 * 1024 * 1024,
  // Fast freehand drawing sends ~60 updates/s plus ~60 awareness (cursor) updates/s.
  messagesPerSecond: 300,
  messageBurst: 600,
  bytesPerSecond: 4 * 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  maxConnectionsPerSession: 600,
  maxConnectionsPerDoc: 400,
  sendBufferBytes: 8 * 1024 * 1024,
  stallTimeoutMs: 30_000,
  idleUnloadMs: 30_000,
  compactAfterUpdates: 1000,
  compactAfterBytes: 1024 * 1024,
}
