import { describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { TokenVerifier } from 'livekit-server-sdk'
import { createMediaService } from '../../../server/media/media-service.ts'
import type { ParticipantIdentity, SessionId } from '#common/ids.ts'
import type { Role } from '#common/roles.ts'

const creds = { apiKey: 'APItest', apiSecret: 'x'.repeat(32) }
const media = createMediaService(
  { mode: 'embedded', network: { addresses: [], portRange: undefined, iceServers: [], simulatedLoss: 0 }, threads: 0 },
  creds,
)

async function grantsOf(role: Role) {
  const jwt = await media.mintToken(
    { sessionId: 'abcdefghjk' as SessionId, identity: 'p_abcdefghjkmn' as ParticipantIdentity, name: 'Ann', role },
    600,
  )
  return { jwt, claims: decodeJwt(jwt) as { sub: string; name: string; video: Record<string, unknown> } }
}

describe('media tokens per role', () => {
  it.each<[Role, string[], boolean]>([
    ['teacher', ['camera', 'microphone', 'screen_share', 'screen_share_audio'], true],
    ['assistant', ['camera', 'microphone', 'screen_share', 'screen_share_audio'], true],
    ['learner', ['camera', 'microphone'], true],
    ['onsite', ['camera'], true],
    ['room', ['camera', 'microphone'], true],
    ['observer', [], false],
  ])('%s may publish %j', async (role, sources, canPublish) => {
    const { claims } = await grantsOf(role)
    expect(claims.video).toMatchObject({
      room: 'atrium-abcdefghjk',
      roomJoin: true,
      canSubscribe: true,
      canPublish,
      canPublishSources: sources,
    })
    expect(claims.sub).toBe('p_abcdefghjkmn')
  })

  it('observers may not send data', async () => {
    expect((await grantsOf('observer')).claims.video.canPublishData).toBe(false)
    expect((await grantsOf('learner')).claims.video.canPublishData).toBe(true)
  })

  it('verify with the same key and secret, as a real LiveKit would', async () => {
    const { jwt } = await grantsOf('teacher')
    const verified = await new TokenVerifier(creds.apiKey, creds.apiSecret).verify(jwt)
    expect(verified.video?.room).toBe('atrium-abcdefghjk')
    await expect(new TokenVerifier(creds.apiKey, 'y'.repeat(32)).verify(jwt)).rejects.toThrow()
  })

  it('point livekit-client at this server, or at LIVEKIT_URL', () => {
    expect(media.url('https://class.example')).toBe('wss://class.example')
    const real = createMediaService({ mode: 'livekit', url: 'wss://lk.example', ...creds }, creds)
    expect(real.url('https://class.example')).toBe('wss://lk.example')
  })
})
