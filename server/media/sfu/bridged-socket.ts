/**
 * A worker thread's stand-in for a signal WebSocket the main thread holds: frames arrive as
 * messages from the main thread, and what the participant sends or closes goes back there.
 */
import { EventEmitter } from 'node:events'
import type { SignalSocket } from './signal-socket.ts'
import type { FromWorker } from './sfu-thread-messages.ts'

const OPEN = 1
const CLOSING = 2
const CLOSED = 3

export class BridgedSocket extends EventEmitter implements SignalSocket {
  readonly OPEN = OPEN
  readyState = OPEN

  constructor(
    private readonly sock: number,
    private readonly post: (message: FromWorker) => void,
  ) {
    super()
  }

  send(data: Uint8Array): void {
    if (this.readyState === OPEN) this.post({ t: 'send', sock: this.sock, data })
  }

  close(code?: number, reason?: string): void {
    if (this.readyState !== OPEN) return
    this.readyState = CLOSING
    this.post({ t: 'close', sock: this.sock, code, reason })
  }

  terminate(): void {
    if (this.readyState === CLOSED) return
    this.readyState = CLOSING
    this.post({ t: 'terminate', sock: this.sock })
  }

  /** From the main thread: a frame arrived. */
  received(data: Uint8Array, isBinary: boolean): void {
    if (this.readyState === CLOSED) return
    this.emit('message', Buffer.from(data.buffer, data.byteOffset, data.byteLength), isBinary)
  }

  /** From the main thread: the socket closed, whoever closed it. */
  closed(): void {
    if (this.readyState === CLOSED) return
    this.readyState = CLOSED
    this.emit('close')
  }
}
