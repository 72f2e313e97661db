import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../server/config.ts'

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.message
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', demo: true, logLevel: 'info' })
    expect(c.dataDir).toBe(path.resolve('data'))
    expect(c.media).toEqual({
      mode: 'embedded',
      apiKey: undefined,
      apiSecret: undefined,
      network: { addresses: [], portRange: undefined, iceServers: [], simulatedLoss: 0 },
    })
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 1 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 1 to 65535, got "70000"'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 1 to 65535, got "80.5"'],
    [{ HOST: 'bad host!' }, 'HOST must be a host name or IP address such as 0.0.0.0 or 127.0.0.1'],
    [{ PUBLIC_URL: 'school.example' }, 'PUBLIC_URL must be an http:// or https:// URL'],
    [{ ATRIUM_ADMIN_TOKEN: 'short' }, 'ATRIUM_ADMIN_TOKEN must be at least 16 characters'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ ATRIUM_DEMO: 'maybe' }, 'ATRIUM_DEMO must be "on" or "off"'],
    [{ LIVEKIT_URL: 'ftp://lk.example' }, 'LIVEKIT_URL must be a wss:// (or ws://, https://) URL'],
    [{ LIVEKIT_URL: 'wss://lk.example' }, 'LIVEKIT_URL needs LIVEKIT_API_KEY and LIVEKIT_API_SECRET to be set as well'],
    [{ LIVEKIT_API_KEY: 'key' }, 'LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together'],
  ])('refuses %j with one clear line', (env, message) => {
    expect(fails(env)).toBe(message)
  })

  it('uses a real LiveKit when LIVEKIT_URL and its keys are set', () => {
    const secret = 's'.repeat(32)
    const c = loadConfig({ LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: secret })
    expect(c.media).toEqual({ mode: 'livekit', url: 'wss://lk.example', apiKey: 'APIkey', apiSecret: secret })
  })

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://class.example/' }).publicUrl).toBe('https://class.example')
  })
})
