/**
 * The only reader of process.env. Every variable is validated here; a bad value stops the server
 * with one line naming the variable and what it must be (exit code 2). README.md lists them all.
 */
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import type { CollabLimits } from './collab/limits.ts'
import { projectRoot } from './paths.ts'

const intIn = (name: string, min: number, max: number, fallback: number, also?: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback
      const n = Number(raw)
      const inRange = (n >= min && n <= max) || n === also
      if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || !inRange) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer from ${min} to ${max}, got "${raw}"` })
        return z.NEVER
      }
      return n
    })

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()))

const httpUrl = (name: string) =>
  optionalString.refine(
    (s) => s === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(s),
    `${name} must be an http:// or https:// URL`,
  )

const iceServersSchema = z.array(
  z.strictObject({
    urls: z.union([z.string(), z.array(z.string())]).transform((u) => (Array.isArray(u) ? u : [u])),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
)

const isIpv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((n) => Number(n) <= 255)

const LIVEKIT_URL_PATTERN = /^(wss?|https?):\/\/[^\s]+$/

const envSchema = z
  .object({
    // 0 (any free port) is accepted for tests and tools but not advertised.
    PORT: intIn('PORT', 1, 65535, 8080, 0),
    HOST: optionalString.refine(
      (s) => s === undefined || /^[A-Za-z0-9.:_-]+$/.test(s),
      'HOST must be a host name or IP address such as 0.0.0.0 or 127.0.0.1',
    ),
    PUBLIC_URL: httpUrl('PUBLIC_URL'),
    ATRIUM_DATA_DIR: optionalString,
    ATRIUM_ADMIN_TOKEN: optionalString.refine(
      (s) => s === undefined || s.length >= 16,
      'ATRIUM_ADMIN_TOKEN must be at least 16 characters',
    ),
    ATRIUM_DEMO: z
      .enum(['on', 'off', ''], { message: 'ATRIUM_DEMO must be "on" or "off"' })
      .optional()
      .transform((s) => s !== 'off'),
    ATRIUM_JOIN_RATE_LIMIT: intIn('ATRIUM_JOIN_RATE_LIMIT', 1, 100000, 120),
    ATRIUM_TOKEN_TTL_MINUTES: intIn('ATRIUM_TOKEN_TTL_MINUTES', 1, 7 * 24 * 60, 12 * 60),
    ATRIUM_COLLAB_MAX_MESSAGE_BYTES: intIn('ATRIUM_COLLAB_MAX_MESSAGE_BYTES', 1024, 64 * 1024 * 1024, 2 * 1024 * 1024),
    ATRIUM_UPLOAD_MAX_MB: intIn('ATRIUM_UPLOAD_MAX_MB', 1, 2048, 50),
    ATRIUM_UPLOAD_MAX_PAGES: intIn('ATRIUM_UPLOAD_MAX_PAGES', 1, 5000, 300),
    ATRIUM_COLLAB_IDLE_UNLOAD_SECONDS: intIn('ATRIUM_COLLAB_IDLE_UNLOAD_SECONDS', 0, 86400, 30),
    ATRIUM_SFU_THREADS: intIn('ATRIUM_SFU_THREADS', 0, 64, Math.min(os.availableParallelism(), 8)),
    ATRIUM_RTC_ADDRESSES: optionalString.refine(
      (s) => s === undefined || s.split(',').every((a) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a.trim())),
      'ATRIUM_RTC_ADDRESSES must be IPv4 addresses separated by commas, such as 192.168.1.20',
    ),
    ATRIUM_RTC_PORTS: optionalString.refine(
      (s) => s === undefined || rtcPorts(s) !== undefined,
      'ATRIUM_RTC_PORTS must be one UDP port such as 7882 (shared by every connection) or a range such as 50000-50200 (from 1024, first below last)',
    ),
    ATRIUM_RTC_ANNOUNCED_ADDRESS: optionalString.refine(
      (s) => s === undefined || isIpv4(s),
      'ATRIUM_RTC_ANNOUNCED_ADDRESS must be one IPv4 address, such as the public address of a NAT in front of this server',
    ),
    ATRIUM_ICE_SERVERS: optionalString.superRefine((s, ctx) => {
      if (s === undefined) return
      const example = '[{"urls":["turn:turn.example:3478"],"username":"u","credential":"p"}]'
      let parsed: z.ZodSafeParseResult<z.infer<typeof iceServersSchema>>
      try {
        parsed = iceServersSchema.safeParse(JSON.parse(s))
      } catch {
        ctx.addIssue({ code: 'custom', message: `ATRIUM_ICE_SERVERS must be JSON like ${example}` })
        return
      }
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `ATRIUM_ICE_SERVERS must be JSON like ${example}` })
        return
      }
      for (const server of parsed.data) {
        for (const url of server.urls) {
          if (!/^(stun|turn|turns):[^\s]+$/.test(url)) {
            ctx.addIssue({
              code: 'custom',
              message: `ATRIUM_ICE_SERVERS: "${url}" must start with stun:, turn: or turns:`,
            })
          } else if (!url.startsWith('stun:') && (!server.username || !server.credential)) {
            ctx.addIssue({
              code: 'custom',
              message: `ATRIUM_ICE_SERVERS: the TURN server "${url}" needs a username and a credential`,
            })
          }
        }
      }
    }),
    ATRIUM_RTC_SIMULATED_LOSS: optionalString.refine(
      (s) => s === undefined || (/^\d+(\.\d+)?$/.test(s) && Number(s) < 50),
      'ATRIUM_RTC_SIMULATED_LOSS must be a loss percentage below 50, such as 2',
    ),
    XAPI_ENDPOINT: httpUrl('XAPI_ENDPOINT'),
    XAPI_USERNAME: optionalString,
    XAPI_PASSWORD: optionalString,
    XAPI_AUTHORIZATION: optionalString,
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', ''], {
        message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional()
      .transform((s) => (s ? s : 'info')),
    LIVEKIT_URL: optionalString.refine(
      (s) => s === undefined || LIVEKIT_URL_PATTERN.test(s),
      'LIVEKIT_URL must be a wss:// (or ws://, https://) URL',
    ),
    LIVEKIT_API_KEY: optionalString,
    LIVEKIT_API_SECRET: optionalString.refine(
      (s) => s === undefined || s.length >= 32,
      'LIVEKIT_API_SECRET must be at least 32 characters',
    ),
  })
  .superRefine((env, ctx) => {
    if (
      env.LIVEKIT_URL &&
      LIVEKIT_URL_PATTERN.test(env.LIVEKIT_URL) &&
      (!env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_URL'],
        message: 'LIVEKIT_URL needs LIVEKIT_API_KEY and LIVEKIT_API_SECRET to be set as well',
      })
    }
    if (env.XAPI_ENDPOINT && !env.XAPI_AUTHORIZATION && !(env.XAPI_USERNAME && env.XAPI_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['XAPI_ENDPOINT'],
        message: 'XAPI_ENDPOINT needs XAPI_USERNAME and XAPI_PASSWORD (or XAPI_AUTHORIZATION) as well',
      })
    }
    if (Boolean(env.LIVEKIT_API_KEY) !== Boolean(env.LIVEKIT_API_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_API_KEY'],
        message: 'LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together',
      })
    }
  })

export interface RtcNetwork {
  /** Addresses media is received on and advertised; all interfaces when empty. */
  addresses: string[]
  /** UDP ports for media; both ends equal for one port shared by every connection. */
  portRange: [number, number] | undefined
  /** The address put in the server's ICE candidates instead of the bound one (1:1 NAT, containers). */
  announcedAddress?: string
  iceServers: { urls: string[]; username?: string; credential?: string }[]
  /** Testing aid: share (0–1) of media packets dropped in each direction. */
  simulatedLoss: number
}

export type MediaConfig =
  | {
      mode: 'embedded'
      apiKey?: string
      apiSecret?: string
      network: RtcNetwork
      /** Worker threads rooms are spread over; 0 keeps every room in the main thread. */
      threads: number
      /** A room nobody is in closes after this long (LiveKit's `emptyTimeout`); tests shorten it. */
      emptyRoomSeconds?: number
      /** How long a client has to answer or make the offer the server needs; tests shorten it. */
      negotiationTimeoutMs?: number
      /** How long muted tracks wait for a quiet spell before they are sent to subscribers; tests change it. */
      mutedTrackQuietMs?: number
    }
  | { mode: 'livekit'; url: string; apiKey: string; apiSecret: string }

export interface Config {
  port: number
  host: string
  /** Base of the links Atrium prints and returns; derived from host and port when unset. */
  publicUrl: string | undefined
  dataDir: string
  adminToken: string | undefined
  demo: boolean
  joinRateLimitPerMinute: number
  tokenTtlSeconds: number
  logLevel: string
  media: MediaConfig
  /** Where xAPI statements are posted, when an LRS is configured. */
  lrs: { endpoint: string; authorization: string } | undefined
  /** Overrides of the collab endpoint's limits (server/collab/limits.ts). */
  collab: Partial<CollabLimits>
  /** A dropped link that returns within this time does not end someone's attendance. */
  leaveGraceMs: number
  /** How often the media server is asked whose microphone is live (microphone time). */
  microphoneSampleMs: number
  /** Slide uploads: largest file and most pages. */
  uploads: { maxBytes: number; maxPages: number }
  /** Folder of the built-in scene packages. */
  scenesDir: string
  /** Folder the built browser client is served from. */
  clientDir: string
}

/** `7882` (one shared port, as `[7882, 7882]`) or `50000-50200`; undefined when neither. */
function rtcPorts(s: string): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(s)
  if (!m) return undefined
  const first = Number(m[1])
  const last = m[2] === undefined ? first : Number(m[2])
  const valid = first >= 1024 && last <= 65535 && (m[2] === undefined || first < last)
  return valid ? [first, last] : undefined
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment into a Config, or throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = envSchema.safeParse(env)
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => i.message).join('\n'))
  }
  const e = r.data
  const media: MediaConfig = e.LIVEKIT_URL
    ? { mode: 'livekit', url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY!, apiSecret: e.LIVEKIT_API_SECRET! }
    : {
        mode: 'embedded',
        apiKey: e.LIVEKIT_API_KEY,
        apiSecret: e.LIVEKIT_API_SECRET,
        network: {
          // Media goes where HTTP is bound, unless told otherwise (0.0.0.0 means every interface).
          addresses: e.ATRIUM_RTC_ADDRESSES
            ? e.ATRIUM_RTC_ADDRESSES.split(',').map((a) => a.trim())
            : e.HOST && /^\d{1,3}(\.\d{1,3}){3}$/.test(e.HOST) && e.HOST !== '0.0.0.0'
              ? [e.HOST]
              : [],
          portRange: e.ATRIUM_RTC_PORTS ? rtcPorts(e.ATRIUM_RTC_PORTS) : undefined,
          announcedAddress: e.ATRIUM_RTC_ANNOUNCED_ADDRESS,
          iceServers: e.ATRIUM_ICE_SERVERS ? iceServersSchema.parse(JSON.parse(e.ATRIUM_ICE_SERVERS)) : [],
          simulatedLoss: e.ATRIUM_RTC_SIMULATED_LOSS ? Number(e.ATRIUM_RTC_SIMULATED_LOSS) / 100 : 0,
        },
        threads: e.ATRIUM_SFU_THREADS,
      }
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    dataDir: path.resolve(e.ATRIUM_DATA_DIR ?? './data'),
    adminToken: e.ATRIUM_ADMIN_TOKEN,
    demo: e.ATRIUM_DEMO,
    joinRateLimitPerMinute: e.ATRIUM_JOIN_RATE_LIMIT,
    tokenTtlSeconds: e.ATRIUM_TOKEN_TTL_MINUTES * 60,
    logLevel: e.LOG_LEVEL,
    media,
    lrs: e.XAPI_ENDPOINT
      ? {
          endpoint: e.XAPI_ENDPOINT,
          authorization:
            e.XAPI_AUTHORIZATION ?? `Basic ${Buffer.from(`${e.XAPI_USERNAME}:${e.XAPI_PASSWORD}`).toString('base64')}`,
        }
      : undefined,
    collab: {
      maxMessageBytes: e.ATRIUM_COLLAB_MAX_MESSAGE_BYTES,
      idleUnloadMs: e.ATRIUM_COLLAB_IDLE_UNLOAD_SECONDS * 1000,
    },
    leaveGraceMs: 15_000,
    microphoneSampleMs: 5_000,
    uploads: { maxBytes: e.ATRIUM_UPLOAD_MAX_MB * 1024 * 1024, maxPages: e.ATRIUM_UPLOAD_MAX_PAGES },
    scenesDir: path.join(projectRoot, 'scenes'),
    clientDir: path.join(projectRoot, 'dist', 'client'),
  }
}
