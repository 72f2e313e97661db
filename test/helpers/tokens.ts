/** A test server's own secrets: signs collab tokens (expiry and tampering tests) and names the embedded SFU's keys. */
import fs from 'node:fs'
import path from 'node:path'
import { TokenService, Audience, type TokenClaims } from '../../server/auth/tokens.ts'

interface ServerSecrets {
  tokenSecret: string
  livekit: { apiKey: string; apiSecret: string }
}

const secretsOf = (dataDir: string) =>
  JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as ServerSecrets

export function serverTokens(dataDir: string): TokenService {
  return new TokenService(secretsOf(dataDir).tokenSecret)
}

/** The API key and secret the embedded SFU generated (what RoomServiceClient and AccessToken need). */
export function embeddedSfuKeys(dataDir: string): ServerSecrets['livekit'] {
  return secretsOf(dataDir).livekit
}

export function signCollabToken(dataDir: string, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  return serverTokens(dataDir).sign(claims, Audience.Collab, ttlSeconds)
}
