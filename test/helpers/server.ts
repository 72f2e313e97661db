/** A real Atrium on port 0 with its own temporary data directory, for integration and e2e tests. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, type Config } from '../../server/config.ts'
import { createLogger } from '../../server/log.ts'
import { startAtrium, type Atrium } from '../../server/atrium.ts'
import { EmbeddedSfu } from '../../server/media/sfu/embedded-sfu.ts'

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789'

/** Config overrides for `startTestServer`: the embedded SFU's settings a test shortens or lengthens. */
export function withEmbeddedMedia(media: Partial<Extract<Config['media'], { mode: 'embedded' }>>) {
  return (c: Config): Config => (c.media.mode === 'embedded' ? { ...c, media: { ...c.media, ...media } } : c)
}

export interface TestServer {
  atrium: Atrium
  url: string
  dataDir: string
  adminToken: string
  /** Stops the server; the data directory stays until `cleanup`. */
  stop(): Promise<void>
  /** Starts a new server on the same data directory (a restart). */
  restart(): Promise<TestServer>
  cleanup(): Promise<void>
}

export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
  overrides: (config: Config) => Config = (c) => c,
): Promise<TestServer> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-test-'))
  const config = overrides(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ATRIUM_DATA_DIR: dir,
      ATRIUM_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: process.env.ATRIUM_TEST_LOG ?? 'silent',
      ...env,
    }),
  )
  const atrium = await startAtrium(config, createLogger(config.logLevel, false))
  const server: TestServer = {
    atrium,
    url: atrium.url,
    dataDir: dir,
    adminToken: config.adminToken ?? atrium.admin.token,
    stop: () => atrium.close(),
    async restart() {
      await atrium.close()
      return startTestServer(env, dir, overrides)
    },
    async cleanup() {
      await atrium.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  return server
}

/**
 * The SFU of a server started with `ATRIUM_SFU_THREADS: '0'`, whose rooms, participants and peer
 * connections a test can then look into directly.
 */
export function sfuInThisThread(server: TestServer): EmbeddedSfu {
  const sfu = server.atrium.sfu
  if (!(sfu instanceof EmbeddedSfu))
    throw new Error('start the server with ATRIUM_SFU_THREADS: "0" to look inside the SFU')
  return sfu
}
