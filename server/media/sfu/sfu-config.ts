import { UdpMux } from './udp-mux.ts'

/** LiveKit gives a client this long to complete a negotiation the server needs. */
export const DEFAULT_NEGOTIATION_TIMEOUT_MS = 15_000

/** What the embedded SFU needs to know about its network and keys. */
export interface SfuConfig {
  apiKey: string
  apiSecret: string
  /** Addresses to gather ICE candidates on and advertise; all interfaces when empty. */
  rtcAddresses: string[]
  /**
   * UDP ports for media; any free port when absent. A range gives each peer connection a port of
   * its own; one port (both ends equal) is shared by every connection (`werift-mux.ts`).
   */
  portRange: [number, number] | undefined
  /** Put in the server's candidates instead of the bound address (1:1 NAT); bound address when absent. */
  announcedAddress?: string
  /** STUN/TURN servers handed to clients. */
  iceServers: { urls: string[]; username?: string; credential?: string }[]
  /** Testing aid: drop this share (0–1) of media packets in each direction, to exercise NACK and PLI. */
  simulatedLoss?: number
  /** A room nobody is in closes after this long; 300 s (LiveKit's default `emptyTimeout`) when absent. */
  emptyRoomSeconds?: number
  /**
   * How long a client has to answer the server's offer (classic `/rtc`), or to offer after the
   * server asked for receive sections (`/rtc/v1`), before it is told to reconnect in full; 15 s
   * (as LiveKit) when absent.
   */
  negotiationTimeoutMs?: number
  /**
   * How long a subscriber's muted tracks wait for no more to come before they get their sections
   * (`quiet-placements.ts`); 1 s when absent.
   */
  mutedTrackQuietMs?: number
}

/** The one UDP port every connection shares (ATRIUM_RTC_PORTS=7882), or undefined for a range. */
export function sharedPort(config: Pick<SfuConfig, 'portRange'>): number | undefined {
  const range = config.portRange
  return range && range[0] === range[1] ? range[0] : undefined
}

/**
 * Problems with the media network settings that only this machine can reveal: an address to
 * receive media on that no interface has (werift would then gather no candidate at all, and every
 * call would fail silently).
 */
export function rtcNetworkProblems(
  addresses: readonly string[],
  interfaces: NodeJS.Dict<{ address: string; family: string | number }[]>,
): string[] {
  const own = new Set(
    Object.values(interfaces)
      .flat()
      .map((a) => a?.address),
  )
  return addresses
    .filter((a) => !own.has(a))
    .map(
      (a) =>
        `ATRIUM_RTC_ADDRESSES (or HOST): ${a} is not an address of this machine; use one of ${[...own].filter((x) => x && /^\d/.test(x)).join(', ')} and put a public address in ATRIUM_RTC_ANNOUNCED_ADDRESS`,
    )
}

/**
 * A shared port (ATRIUM_RTC_PORTS=7882) that another program already holds on an address media
 * is received on. The SFU binds it when the first participant joins; without this check every
 * call would then fail with no candidate and no word.
 */
export async function sharedPortProblems(
  network: Pick<SfuConfig, 'portRange'> & { addresses: readonly string[] },
): Promise<string[]> {
  const port = sharedPort(network)
  if (port === undefined) return []
  const addresses = network.addresses.length > 0 ? network.addresses : ['0.0.0.0']
  const taken = await Promise.all(addresses.map((address) => isTaken(address, port)))
  return addresses
    .filter((_, i) => taken[i])
    .map(
      (address) =>
        `ATRIUM_RTC_PORTS: UDP port ${port} is already in use on ${address}; stop the program using it or choose another port`,
    )
}

/** Binds the port as the SFU will, and lets it go again. */
function isTaken(address: string, port: number): Promise<boolean> {
  return UdpMux.open(address, port).then(
    (mux) => mux.close().then(() => false),
    () => true,
  )
}
