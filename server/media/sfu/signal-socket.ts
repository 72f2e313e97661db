/**
 * What a participant needs of its signal socket. A `ws` WebSocket is one; so is the stand-in a
 * media worker thread gets for a socket the main thread holds (`bridged-socket.ts`).
 */
export interface SignalSocket {
  readonly readyState: number
  readonly OPEN: number
  send(data: Uint8Array): void
  close(code?: number, reason?: string): void
  /** Drops the connection at once, as a broken network would. */
  terminate(): void
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown
  on(event: 'close', listener: () => void): unknown
  off(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown
}

/** A frame that arrived before anyone listened (while werift loads, or while the worker starts). */
export type EarlyFrame = readonly [data: Buffer, isBinary: boolean]
