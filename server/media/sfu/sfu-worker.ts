/**
 * A media worker thread: an `EmbeddedSfu` for the rooms the main thread gives it. See
 * `sfu-thread-messages.ts` for the conversation and `threaded-sfu.ts` for the other side.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads'
import { createLogger } from '../../log.ts'
import { EmbeddedSfu } from './embedded-sfu.ts'
import { BridgedSocket } from './bridged-socket.ts'
import { joinParsers, type JoinParse } from './signal-join.ts'
import { SignalLanes } from './signal-lanes.ts'
import { callRoomService } from './room-service-calls.ts'
import { TurnQueue } from './turn-queue.ts'
import { takeTurnsWith } from './turns.ts'
import { weriftReady } from './werift-lazy.ts'
import type { FromWorker, ToWorker, WorkerAnswer, WorkerCall, WorkerSetup } from './sfu-thread-messages.ts'

const port = parentPort
if (!port) throw new Error('sfu-worker.ts runs only as a worker thread')
const setup = workerData as WorkerSetup
const log = createLogger(setup.logLevel, setup.pretty).child({ part: 'sfu', thread: threadId })
const sfu = new EmbeddedSfu(setup.config, log)
// A thread starts because someone is about to join (see ThreadedSfu.expectJoin): load what the
// join needs now, while their page loads.
sfu.expectJoin()
const sockets = new Map<number, BridgedSocket>()
const post = (message: FromWorker) => port.postMessage(message)

const opens = new Map<string, number>()
sfu.onSpeaking = (room, identity, speaking, at) => post({ t: 'speaking', room, identity, speaking, at })
sfu.onRoomClosed = (room) => post({ t: 'roomClosed', room, opens: opens.get(room) ?? 0 })

async function answer(call: WorkerCall): Promise<WorkerAnswer[keyof WorkerAnswer]> {
  switch (call.kind) {
    case 'roomService':
      return callRoomService(sfu, call.method, call.body, call.claims)
    case 'participant':
      return sfu.participant(call.room, call.identity)
    case 'dropSignal':
      return sfu.dropSignal(call.room, call.identity)
    case 'ready':
      return weriftReady()
  }
}

type Open = Extract<ToWorker, { t: 'open' }>
// Read when the join is queued, to place it (signal-lanes.ts), and used again when it is handled.
const joins = new WeakMap<Open, JoinParse>()
const joinOf = (m: Open): JoinParse => {
  let parsed = joins.get(m)
  if (!parsed) joins.set(m, (parsed = joinParsers[m.path](m.query)))
  return parsed
}
const lanes = new SignalLanes((m) => {
  const parsed = joinOf(m)
  return parsed.ok && !parsed.join.reconnect && !sfu.has(m.room, m.claims.sub!)
})

// Signal frames take turns with the thread's UDP (turn-queue.ts): a class's offers answered in
// one go held the thread for over a second, with nothing read from the network meanwhile.
const inbox = new TurnQueue<ToWorker>(handle, lanes.goesFirst)
// An answer takes several turns (sfu-peer.ts): a class's offers, each 20–100 ms of SDP work, held
// the thread that long at a time between two reads of the network.
takeTurnsWith(() => inbox.turn())
port.on('message', (message: ToWorker) => inbox.push(message))

function handle(message: ToWorker): void {
  switch (message.t) {
    case 'open': {
      opens.set(message.room, (opens.get(message.room) ?? 0) + 1)
      const parsed = joinOf(message)
      const socket = new BridgedSocket(message.sock, post)
      sockets.set(message.sock, socket)
      socket.on('close', () => sockets.delete(message.sock))
      if (!parsed.ok) return socket.close(1011, 'join failed')
      void sfu.join(socket, message.claims, message.room, parsed.join).catch((err: unknown) => {
        log.warn({ err: (err as Error).message }, 'join failed')
        socket.close(1011, 'join failed')
      })
      return
    }
    case 'frame':
      return sockets.get(message.sock)?.received(message.data, message.binary)
    case 'socketClosed':
      return sockets.get(message.sock)?.closed()
    case 'call':
      void answer(message.call).then((value) => post({ t: 'answer', id: message.id, value }))
      return
    case 'forgetRoom':
      opens.delete(message.room)
      return
    case 'simulatedLoss':
      return sfu.setSimulatedLoss(message.share)
    case 'shutdown':
      void sfu.close().then(() => post({ t: 'shutDown' }))
      return
  }
}
