import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export const ADMIN_TOKEN_FILE = 'admin-token'
export const SECRETS_FILE = 'secrets.json'

const secretsSchema = z.object({
  /** Signs session and collab tokens (HS256). */
  tokenSecret: z.string().min(43),
  /** Keys of the embedded media server, used when LIVEKIT_API_KEY/SECRET are not set. */
  livekit: z.object({ apiKey: z.string().min(8), apiSecret: z.string().min(32) }),
})
export type Secrets = z.infer<typeof secretsSchema>

const random = (bytes: number) => crypto.randomBytes(bytes).toString('base64url')

function writePrivate(file: string, content: string): void {
  // Write to a temporary file and rename, so a crash never leaves half a secret behind.
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, content, { mode: 0o600 })
  fs.renameSync(tmp, file)
}

/** Reads the server's secrets from the data directory, generating them on first start. */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, SECRETS_FILE)
  if (fs.existsSync(file)) {
    const parsed = secretsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
    if (!parsed.success) throw new Error(`${file} is damaged; remove it to generate new secrets`)
    return parsed.data
  }
  const secrets: Secrets = {
    tokenSecret: random(32),
    livekit: { apiKey: `AP${random(9)}`, apiSecret: random(32) },
  }
  writePrivate(file, JSON.stringify(secrets, null, 2) + '\n')
  return secrets
}

export type AdminTokenSource = { token: string; created: boolean; file?: string }

/**
 * The admin token: ATRIUM_ADMIN_TOKEN when set; otherwise the one stored in the data directory,
 * generated (file mode 0600) on first start. `created` tells the caller to print it, once.
 */
export function loadOrCreateAdminToken(dataDir: string, fromEnv: string | undefined): AdminTokenSource {
  if (fromEnv) return { token: fromEnv, created: false }
  const file = path.join(dataDir, ADMIN_TOKEN_FILE)
  if (fs.existsSync(file)) return { token: fs.readFileSync(file, 'utf8').trim(), created: false, file }
  const token = `atr_${random(24)}`
  writePrivate(file, token + '\n')
  return { token, created: true, file }
}

/** Compares secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest()
  const hb = crypto.createHash('sha256').update(b).digest()
  return crypto.timingSafeEqual(ha, hb)
}
