/**
 * During an ICE restart, media keeps going over the pair in use until the new checks nominate
 * one, as RFC 8445 (section 9) asks and browsers do. werift forgets its nominated pair the moment
 * a restart begins, and sends nothing until a new pair is nominated. livekit-client restarts ICE
 * every time it resumes after its signal socket dropped, on a network that usually has not
 * changed: on a busy machine the new checks took 2 s, and the resumed learner's picture stood still
 * all that while. If the network did change, packets sent on the old pair are lost, as they were.
 */
import type * as Werift from 'werift'

/** The parts of werift's ICE agent (`Connection`) this reads. */
export interface IceAgent {
  nominated?: CandidatePair
  state: string
  send(data: Buffer): Promise<void>
}

export interface CandidatePair {
  protocol: { sendData(data: Buffer, addr: [string, number]): Promise<void> }
  remoteAddr: [string, number]
  packetsSent: number
  bytesSent: number
}

/** The pair each agent used before its restart, while the restart runs. */
const pairBeforeRestart = new WeakMap<IceAgent, CandidatePair>()
const sendWrapped = new WeakSet<IceAgent>()
let patched = false

export function keepPairThroughIceRestart({ Connection }: Pick<typeof Werift, 'Connection'>): void {
  if (patched) return
  patched = true
  const proto = Connection.prototype as unknown as {
    restart(this: IceAgent): unknown
    resetNominatedPair(this: IceAgent): unknown
  }
  const restart = proto.restart
  proto.restart = function () {
    // A second restart before the first one nominated keeps the pair that still carries media.
    const pair = this.nominated ?? pairBeforeRestart.get(this)
    if (pair) pairBeforeRestart.set(this, pair)
    sendOnKeptPair(this)
    return restart.call(this)
  }
  const reset = proto.resetNominatedPair
  proto.resetNominatedPair = function () {
    pairBeforeRestart.delete(this)
    return reset.call(this)
  }
}

/** The pair to send on: the nominated one, or while an ICE restart runs the one in use before it. */
export function sendingPair<P>(agent: { nominated?: P; state: string }): P | undefined {
  if (agent.nominated) return agent.nominated
  if (agent.state === 'closed' || agent.state === 'failed') return undefined
  return pairBeforeRestart.get(agent as object as IceAgent) as P | undefined
}

/** werift's own sends (RTCP, DTLS, data channels) go through `send`, an instance field. */
function sendOnKeptPair(agent: IceAgent): void {
  if (sendWrapped.has(agent)) return
  sendWrapped.add(agent)
  const send = agent.send
  agent.send = async (data) => {
    const pair = agent.nominated ? undefined : sendingPair(agent)
    if (!pair) return send(data)
    await pair.protocol.sendData(data, pair.remoteAddr)
    pair.packetsSent++
    pair.bytesSent += data.length
  }
}
