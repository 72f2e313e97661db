/** Real y-websocket clients in Node, always with BroadcastChannel off so only the server syncs them. */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as encoding from 'lib0/encoding'
import type { JoinResponse } from '#common/api/join.ts'
import { MessageType, SyncType } from '#common/protocol/y-messages.ts'

export function connectDoc(join: JoinResponse, kind = 'control', doc = new Y.Doc()): WebsocketProvider {
  const name = join.collab.docs[kind]
  if (!name) throw new Error(`no ${kind} document in the join response`)
  return new WebsocketProvider(join.collab.url, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: join.collab.token },
  })
}

export function waitSynced(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('not synced in time')), timeoutMs)
    provider.once('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(t)
        resolve()
      }
    })
  })
}

/** The HTTP status a WebSocket upgrade was refused with, or 101 when it was accepted. */
export function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('open', () => {
      ws.close()
      resolve({ status: 101, body: '' })
    })
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    ws.on('error', (err) => {
      if (!String(err.message).includes('Unexpected server response')) reject(err)
    })
  })
}

/** Resolves when `check` holds, polling; rejects after the timeout. */
export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export interface RawSocket {
  ws: WebSocket
  /** Every binary message received so far. */
  received: Uint8Array[]
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>
  opened: Promise<void>
}

/** A bare WebSocket on the collab endpoint, for sending bytes no real client would send. */
export function rawSocket(join: JoinResponse, kind = 'control', token = join.collab.token): RawSocket {
  const name = join.collab.docs[kind]
  if (!name) throw new Error(`no ${kind} document in the join response`)
  const ws = new WebSocket(`${join.collab.url}/${name}?token=${token}`)
  const received: Uint8Array[] = []
  ws.on('message', (d: Buffer) => received.push(new Uint8Array(d)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve())
    ws.on('error', reject)
  })
  return { ws, received, closed, opened }
}

/** Resolves with the close code of a provider's next close. */
export function nextClose(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => {
    const handler = (event: { code: number } | null) => {
      provider.off('connection-close', handler)
      resolve(event?.code ?? 1006)
    }
    provider.on('connection-close', handler)
  })
}

/** A y-websocket update message (`[sync, update, update bytes]`), as a client sends one. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Sync)
  encoding.writeVarUint(e, SyncType.Update)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}
