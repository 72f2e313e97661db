/**
 * Puts the ICE agents of a werift peer connection on the shared UDP socket of `udp-mux.ts`
 * instead of a socket each. werift 0.24 has no hook for this, so each agent (werift's ICE
 * `Connection`) is changed as it is created:
 *
 * - its ufrag becomes 16 hex digits: werift's own are 4 characters, which collide among a few
 *   thousand connections, and the mux routes by them;
 * - gathering opens an endpoint of the shared socket per address (ATRIUM_RTC_ADDRESSES, or every
 *   interface), with a host candidate on the shared port, where werift would bind a socket. The
 *   SFU's connections gather host candidates only (no STUN server, no TURN, no TCP), so nothing
 *   else of werift's gathering is needed;
 * - an ICE restart's new ufrag is routed too (the old one stays until the connection closes).
 *
 * Closing the connection closes its STUN protocols, and so its endpoints and their routes.
 */
import crypto from 'node:crypto'
import type { RTCDtlsTransport, RTCPeerConnection } from 'werift'
import { werift } from './werift-lazy.ts'
import { openMuxEndpoint, type MuxEndpoint, type RemoteAddress } from './udp-mux.ts'

/** The parts of werift's ICE `Connection` and `StunProtocol` used here (private in its types). */
interface IceAgent {
  localUsername: string
  localPassword: string
  userHistory: Record<string, string>
  generation: number
  state: string
  protocols: StunProtocolInternals[]
  restart(): Promise<void>
  getCandidatePromises(addresses: string[], timeout?: number): Promise<unknown>[]
  ensureProtocol(protocol: object): void
  pairLocalProtocol(protocol: object): void
  appendLocalCandidate(candidate: object): void
}

interface StunProtocolInternals {
  transport: unknown
  localIp?: string
  localCandidate?: { ufrag?: string }
  datagramReceived(data: Buffer, from: RemoteAddress): void
}

interface TransportFactory {
  createTransport(): RTCDtlsTransport
}

export interface SharedPort {
  port: number
  /** The addresses to gather on; werift's choice (every interface) when empty. */
  addresses: readonly string[]
}

/** Every ICE agent `pc` creates from now on uses the shared sockets on `shared.port`. */
export function useMuxedPort(pc: RTCPeerConnection, shared: SharedPort): void {
  const manager = (pc as unknown as { secureManager: TransportFactory }).secureManager
  const create = manager.createTransport.bind(manager)
  manager.createTransport = () => {
    const dtls = create()
    muxAgent(dtls.iceTransport.connection as unknown as IceAgent, shared)
    return dtls
  }
}

function muxAgent(agent: IceAgent, { port, addresses: only }: SharedPort): void {
  const ufrags: string[] = []
  const endpoints: MuxEndpoint[] = []
  const newUfrag = () => {
    const ufrag = crypto.randomBytes(8).toString('hex')
    agent.localUsername = ufrag
    agent.userHistory[ufrag] = agent.localPassword
    for (const p of agent.protocols) if (p.localCandidate) p.localCandidate.ufrag = ufrag
    ufrags.push(ufrag)
    for (const e of endpoints) e.answerTo(ufrag)
  }
  newUfrag()

  const restart = agent.restart.bind(agent)
  agent.restart = () => {
    // werift's restart sets the new credentials before it returns its promise.
    const done = restart()
    newUfrag()
    return done
  }

  agent.getCandidatePromises = (addresses) =>
    addresses
      .filter((address) => only.length === 0 || only.includes(address))
      .filter((address) => !agent.protocols.some((p) => p.localIp === address))
      .map(async (address) => {
        const endpoint = await openMuxEndpoint(address, port)
        if (agent.state === 'closed') {
          await endpoint.close()
          return undefined
        }
        for (const ufrag of ufrags) endpoint.answerTo(ufrag)
        endpoints.push(endpoint)
        return hostCandidateOn(agent, endpoint, address, port)
      })
}

/** What werift does for a host candidate, with the endpoint in place of a socket of its own. */
function hostCandidateOn(agent: IceAgent, endpoint: MuxEndpoint, address: string, port: number): object {
  const { StunProtocol, Candidate, candidateFoundation, candidatePriority } = werift()
  const protocol = new StunProtocol() as unknown as StunProtocolInternals
  agent.ensureProtocol(protocol)
  protocol.transport = endpoint
  endpoint.onData = (data, from) => protocol.datagramReceived(data, from)
  protocol.localIp = address
  agent.protocols.push(protocol)
  const candidate = new Candidate(
    candidateFoundation('host', 'udp', address),
    1,
    'udp',
    candidatePriority('host', { transport: 'udp' }),
    address,
    port,
    'host',
    undefined,
    undefined,
    undefined,
    agent.generation,
    agent.localUsername,
  )
  protocol.localCandidate = candidate
  agent.pairLocalProtocol(protocol)
  agent.appendLocalCandidate(candidate)
  return candidate
}
