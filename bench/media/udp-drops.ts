/**
 * Datagrams the kernel dropped because a receiving socket's buffer was full (`RcvbufErrors` of
 * /proc/net/snmp, the whole machine): on loopback that is where loss comes from when a receiver
 * (usually the benchmark's own synthetic clients) falls behind, not the SFU.
 */
import fs from 'node:fs'

export function udpReceiveBufferDrops(): number {
  try {
    const lines = fs
      .readFileSync('/proc/net/snmp', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('Udp:'))
    const names = lines[0]!.split(/\s+/)
    const values = lines[1]!.split(/\s+/)
    return Number(values[names.indexOf('RcvbufErrors')] ?? NaN)
  } catch {
    return NaN
  }
}
