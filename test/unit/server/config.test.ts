import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../server/config.ts'
import { rtcNetworkProblems } from '../../../server/media/sfu/sfu-config.ts'

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
      network: { addresses: [], portRange: undefined, announcedAddress: undefined, iceServers: [], simulatedLoss: 0 },
      // Media rooms spread over one thread per core (at most 8).
      threads: Math.min(os.availableParallelism(), 8),
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
    [{ ATRIUM_SFU_THREADS: 'many' }, 'ATRIUM_SFU_THREADS must be an integer from 0 to 64, got "many"'],
    [{ LIVEKIT_URL: 'ftp://lk.example' }, 'LIVEKIT_URL must be a wss:// (or ws://, https://) URL'],
    [{ LIVEKIT_URL: 'wss://lk.example' }, 'LIVEKIT_URL needs LIVEKIT_API_KEY and LIVEKIT_API_SECRET to be set as well'],
    [{ LIVEKIT_API_KEY: 'key' }, 'LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together'],
    [
      { ATRIUM_RTC_ADDRESSES: '192.168.1' },
      'ATRIUM_RTC_ADDRESSES must be IPv4 addresses separated by commas, such as 192.168.1.20',
    ],
    [
      { ATRIUM_RTC_PORTS: '50200-50000' },
      'ATRIUM_RTC_PORTS must be one UDP port such as 7882 (shared by every connection) or a range such as 50000-50200 (from 1024, first below last)',
    ],
    [
      { ATRIUM_RTC_PORTS: '80-90' },
      'ATRIUM_RTC_PORTS must be one UDP port such as 7882 (shared by every connection) or a range such as 50000-50200 (from 1024, first below last)',
    ],
    [
      { ATRIUM_RTC_PORTS: '80' },
      'ATRIUM_RTC_PORTS must be one UDP port such as 7882 (shared by every connection) or a range such as 50000-50200 (from 1024, first below last)',
    ],
    [
      { ATRIUM_RTC_PORTS: '7882-7882' },
      'ATRIUM_RTC_PORTS must be one UDP port such as 7882 (shared by every connection) or a range such as 50000-50200 (from 1024, first below last)',
    ],
    [
      { ATRIUM_RTC_PORTS: '70000' },
      'ATRIUM_RTC_PORTS must be one UDP port such as 7882 (shared by every connection) or a range such as 50000-50200 (from 1024, first below last)',
    ],
    [
      { ATRIUM_RTC_ANNOUNCED_ADDRESS: 'school.example' },
      'ATRIUM_RTC_ANNOUNCED_ADDRESS must be one IPv4 address, such as the public address of a NAT in front of this server',
    ],
    [
      { ATRIUM_RTC_ANNOUNCED_ADDRESS: '300.1.2.3' },
      'ATRIUM_RTC_ANNOUNCED_ADDRESS must be one IPv4 address, such as the public address of a NAT in front of this server',
    ],
    [
      { ATRIUM_ICE_SERVERS: 'turn:turn.example' },
      'ATRIUM_ICE_SERVERS must be JSON like [{"urls":["turn:turn.example:3478"],"username":"u","credential":"p"}]',
    ],
    [
      { ATRIUM_ICE_SERVERS: '[{"urls":"http://stun.example"}]' },
      'ATRIUM_ICE_SERVERS: "http://stun.example" must start with stun:, turn: or turns:',
    ],
    [
      { ATRIUM_ICE_SERVERS: '[{"urls":["turns:turn.example:443"]}]' },
      'ATRIUM_ICE_SERVERS: the TURN server "turns:turn.example:443" needs a username and a credential',
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(fails(env)).toBe(message)
  })

  it('uses a real LiveKit when LIVEKIT_URL and its keys are set', () => {
    const secret = 's'.repeat(32)
    const c = loadConfig({ LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: secret })
    expect(c.media).toEqual({ mode: 'livekit', url: 'wss://lk.example', apiKey: 'APIkey', apiSecret: secret })
  })

  it('reads the media network: addresses, port range, announced address and ICE servers', () => {
    const c = loadConfig({
      ATRIUM_RTC_ADDRESSES: '10.0.0.5',
      ATRIUM_RTC_PORTS: '50000-50200',
      ATRIUM_RTC_ANNOUNCED_ADDRESS: '203.0.113.7',
      ATRIUM_ICE_SERVERS:
        '[{"urls":"stun:stun.example:3478"},{"urls":["turn:t.example:3478"],"username":"u","credential":"p"}]',
    })
    expect(c.media).toMatchObject({
      mode: 'embedded',
      network: {
        addresses: ['10.0.0.5'],
        portRange: [50000, 50200],
        announcedAddress: '203.0.113.7',
        iceServers: [
          { urls: ['stun:stun.example:3478'] },
          { urls: ['turn:t.example:3478'], username: 'u', credential: 'p' },
        ],
      },
    })
  })

  it('takes one port as a port shared by every media connection', () => {
    const c = loadConfig({ ATRIUM_RTC_PORTS: '7882' })
    expect(c.media).toMatchObject({ mode: 'embedded', network: { portRange: [7882, 7882] } })
  })

  it('names an RTC address this machine does not have, before the server starts', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4' }],
      eth0: [{ address: '10.0.0.5', family: 'IPv4' }],
    }
    expect(rtcNetworkProblems(['10.0.0.5', '127.0.0.1'], interfaces)).toEqual([])
    expect(rtcNetworkProblems(['203.0.113.7'], interfaces)).toEqual([
      'ATRIUM_RTC_ADDRESSES (or HOST): 203.0.113.7 is not an address of this machine; use one of 127.0.0.1, 10.0.0.5 and put a public address in ATRIUM_RTC_ANNOUNCED_ADDRESS',
    ])
  })

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://class.example/' }).publicUrl).toBe('https://class.example')
  })
})
