/** @hocuspocus/server 4.7.0 with its defaults: in memory, no auth, broadcasts batched per turn. */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()
process.stdout.write(`READY ${process.env.PORT}\n`)
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)))
