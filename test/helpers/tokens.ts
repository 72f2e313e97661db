/** Signs collab tokens with a test server's own secret, for expiry and tampering tests. */
import fs from 'node:fs'
import path from 'node:path'
import { TokenService, Audience, type TokenClaims } from '../../server/auth/tokens.ts'

export function serverTokens(dataDir: string): TokenService {
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { tokenSecret: string }
  return new TokenService(secrets.tokenSecret)
}

export function signCollabToken(dataDir: string, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  return serverTokens(dataDir).sign(claims, Audience.Collab, ttlSeconds)
}
