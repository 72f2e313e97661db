/** What the embedded SFU needs to know about its network and keys. */
export interface SfuConfig {
  apiKey: string
  apiSecret: string
  /** Addresses to gather ICE candidates on and advertise; all interfaces when empty. */
  rtcAddresses: string[]
  /** UDP port range for media; any free port when absent. */
  portRange: [number, number] | undefined
  /** STUN/TURN servers handed to clients. */
  iceServers: { urls: string[]; username?: string; credential?: string }[]
  /** Testing aid: drop this share (0–1) of media packets in each direction, to exercise NACK and PLI. */
  simulatedLoss?: number
}
