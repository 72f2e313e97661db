/**
 * Datagrams the kernel dropped because a receiving socket's buffer was full. On loopback that is
 * where loss comes from when a receiver falls behind: counted per socket (/proc/net/udp, udp6)
 * and told apart by who holds the socket: the server, the benchmark's synthetic clients, or
 * anyone else (Chromium's network process).
 */
import fs from 'node:fs'

export interface DropsByOwner {
  server: number
  benchmark: number
  others: number
}

/** Receive-buffer drops of each UDP socket of the machine, by the socket's inode. */
function dropsPerSocket(): Map<string, number> {
  const drops = new Map<string, number>()
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let text = ''
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
      if (cols.length >= 13) drops.set(cols[9]!, Number(cols[12]))
    }
  }
  return drops
}

/** The inodes of the sockets process `pid` holds (its threads share them). */
function socketsOf(pid: number): Set<string> {
  const inodes = new Set<string>()
  let fds: string[] = []
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`)
  } catch {
    return inodes
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (m) inodes.add(m[1]!)
    } catch {
      // closed meanwhile
    }
  }
  return inodes
}

/**
 * Starts counting; the function returned says how many datagrams were dropped since, by owner.
 * A socket closed meanwhile takes its count with it, so call it before the participants leave.
 */
export function dropsByOwnerFrom(serverPid: number): () => DropsByOwner {
  const start = dropsPerSocket()
  return () => {
    const now = dropsPerSocket()
    const server = socketsOf(serverPid)
    const benchmark = socketsOf(process.pid)
    const by: DropsByOwner = { server: 0, benchmark: 0, others: 0 }
    for (const [inode, n] of now) {
      const d = n - (start.get(inode) ?? 0)
      if (d <= 0) continue
      if (server.has(inode)) by.server += d
      else if (benchmark.has(inode)) by.benchmark += d
      else by.others += d
    }
    return by
  }
}
