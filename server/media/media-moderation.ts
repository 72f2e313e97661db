/**
 * Moderating a session's audio through livekit-server-sdk's RoomServiceClient: mute someone's
 * microphone, mute every learner, allow or revoke speaking (the microphone in the participant's
 * publish permissions). The same calls reach the embedded SFU (its Twirp RoomService) and a real
 * LiveKit, so nothing here knows which one answers.
 */
import { ServerError, TrackSource, type ParticipantInfo, type RoomServiceClient } from 'livekit-server-sdk'
import { AtriumError } from '#common/errors.ts'
import { isModerator, roleSchema } from '#common/roles.ts'
import type { SessionId } from '#common/ids.ts'

export interface MediaModerationDeps {
  /** RoomService of whichever media server answers (room-service-client.ts). */
  roomService(): RoomServiceClient
  /** Whether someone with this identity was ever admitted to the session (for 404 vs 409). */
  isParticipant(sessionId: SessionId, identity: string): boolean
  /** The session's media rooms now: its main room, then each breakout group's. */
  rooms(sessionId: SessionId): string[]
}

interface Found {
  room: string
  info: ParticipantInfo
}

const isMissing = (err: unknown) => err instanceof ServerError && err.status === 404

const notConnected = () => new AtriumError('conflict', 'This person is not connected to audio and video right now.')

export class MediaModeration {
  constructor(private readonly deps: MediaModerationDeps) {}

  /**
   * The participant in one of the session's media rooms, or 404 (not in the session) / 409 (not
   * connected to any of its rooms).
   */
  private async connected(sessionId: SessionId, identity: string): Promise<Found> {
    if (!this.deps.isParticipant(sessionId, identity))
      throw AtriumError.notFound('There is no such participant in this session.')
    for (const room of this.deps.rooms(sessionId)) {
      try {
        return { room, info: await this.deps.roomService().getParticipant(room, identity) }
      } catch (err) {
        // LiveKit answers 404 both for an unknown room and for someone not in it.
        if (!isMissing(err)) throw err
      }
    }
    throw notConnected()
  }

  private async muteMicrophones({ room, info }: Found): Promise<number> {
    let n = 0
    for (const track of info.tracks) {
      if (track.source !== TrackSource.MICROPHONE || track.muted) continue
      await this.deps.roomService().mutePublishedTrack(room, info.identity, track.sid, true)
      n++
    }
    return n
  }

  /** Mutes one person's microphone; resolves with how many tracks were muted (0: already). */
  async mute(sessionId: SessionId, identity: string): Promise<number> {
    return this.muteMicrophones(await this.connected(sessionId, identity))
  }

  /** Mutes every microphone in the session's rooms except the teachers' and assistants'. */
  async muteLearners(sessionId: SessionId): Promise<number> {
    let n = 0
    for (const room of this.deps.rooms(sessionId)) {
      let people: ParticipantInfo[]
      try {
        people = await this.deps.roomService().listParticipants(room)
      } catch (err) {
        if (isMissing(err)) continue
        throw err
      }
      for (const info of people) {
        const role = roleSchema.safeParse(info.attributes.role)
        if (role.success && isModerator(role.data)) continue
        n += await this.muteMicrophones({ room, info })
      }
    }
    return n
  }

  /**
   * Gives or takes the right to publish a microphone; taking it away unpublishes the microphone
   * (LiveKit does the same). Other rights stay as they are.
   */
  async setSpeaking(sessionId: SessionId, identity: string, allowed: boolean): Promise<boolean> {
    const { room, info } = await this.connected(sessionId, identity)
    const current = info.permission
    const sources: TrackSource[] = (current?.canPublishSources ?? []).filter((s) => s !== TrackSource.MICROPHONE)
    if (allowed) sources.push(TrackSource.MICROPHONE)
    await this.deps.roomService().updateParticipant(room, identity, {
      permission: {
        canSubscribe: current?.canSubscribe ?? true,
        canPublishData: current?.canPublishData ?? true,
        canPublish: sources.length > 0,
        canPublishSources: sources,
      },
    })
    return allowed
  }
}
