/** The reference server, @y/websocket-server 0.1.1: in memory, no auth, one frame per update. */
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const server = http.createServer((_req, res) => res.end('ok'))
const wss = new WebSocketServer({ server })
wss.on('connection', (ws, req) => setupWSConnection(ws, req))
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`READY ${process.env.PORT}\n`))
process.on('SIGTERM', () => process.exit(0))
