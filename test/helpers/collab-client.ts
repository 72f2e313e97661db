/** Real y-websocket clients in Node, always with BroadcastChannel off so only the server syncs them. */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { JoinResponse } from '#common/api/join.ts'

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
