/**
 * The RoomService methods themselves, run where the rooms live (this thread, or the media worker
 * thread that hosts the room). Results and errors are plain data, so they can cross threads.
 */
import type { ClaimGrants } from 'livekit-server-sdk'
import type { ParticipantPermission } from '@livekit/protocol'
import {
  DataPacket,
  DataPacket_Kind,
  DisconnectReason,
  ListParticipantsRequest,
  ListParticipantsResponse,
  ListRoomsRequest,
  ListRoomsResponse,
  MuteRoomTrackRequest,
  MuteRoomTrackResponse,
  RoomParticipantIdentity,
  SendDataRequest,
  UpdateParticipantRequest,
  UpdateRoomMetadataRequest,
  UpdateSubscriptionsRequest,
  UserPacket,
  CreateRoomRequest,
  DeleteRoomRequest,
} from '@livekit/protocol'
import type { SfuRoom } from './sfu-room.ts'
import type { SfuParticipant } from './sfu-participant.ts'
import { canPublishSource } from './grants.ts'
import { subscriptionChange } from './subscription-request.ts'

/** The rooms a RoomService call sees. */
export interface RoomDirectory {
  readonly rooms: Map<string, SfuRoom>
  room(name: string): SfuRoom
  deleteRoom(name: string, reason: DisconnectReason): void
}

export type RoomServiceResult =
  { ok: true; json: unknown } | { ok: false; status: number; code: string; message: string }

export const twirpFailure = (status: number, code: string, message: string): RoomServiceResult => ({
  ok: false,
  status,
  code,
  message,
})

export const ROOM_SERVICE_METHODS = [
  'ListRooms',
  'CreateRoom',
  'DeleteRoom',
  'ListParticipants',
  'GetParticipant',
  'RemoveParticipant',
  'MutePublishedTrack',
  'UpdateParticipant',
  'UpdateSubscriptions',
  'SendData',
  'UpdateRoomMetadata',
] as const
export type RoomServiceMethod = (typeof ROOM_SERVICE_METHODS)[number]

export const isRoomServiceMethod = (m: string): m is RoomServiceMethod =>
  (ROOM_SERVICE_METHODS as readonly string[]).includes(m)

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const notFound = (what: string) => new TwirpError(404, 'not_found', `${what} not found`)

type Handler = (body: unknown, claims: ClaimGrants) => unknown

/** Runs one RoomService method against `sfu`'s rooms. */
export function callRoomService(
  sfu: RoomDirectory,
  method: RoomServiceMethod,
  body: unknown,
  claims: ClaimGrants,
): RoomServiceResult {
  const roomOf = (name: string): SfuRoom => {
    const room = sfu.rooms.get(name)
    if (!room) throw notFound('room')
    return room
  }
  const participantOf = (room: SfuRoom, identity: string): SfuParticipant => {
    const p = room.participants.get(identity)
    if (!p) throw notFound('participant')
    return p
  }
  /** Room-scoped calls need `roomAdmin` for that room. */
  const admin = (claims: ClaimGrants, room: string) => {
    if (!claims.video?.roomAdmin || claims.video.room !== room) {
      throw new TwirpError(403, 'permission_denied', 'requires roomAdmin for this room')
    }
  }

  const handlers: Record<RoomServiceMethod, Handler> = {
    ListRooms(body, claims) {
      if (!claims.video?.roomList) throw new TwirpError(403, 'permission_denied', 'requires roomList')
      const req = ListRoomsRequest.fromJson(body as never, { ignoreUnknownFields: true })
      const rooms = [...sfu.rooms.values()].filter((r) => req.names.length === 0 || req.names.includes(r.name))
      return new ListRoomsResponse({ rooms: rooms.map((r) => r.info()) })
    },
    CreateRoom(body, claims) {
      if (!claims.video?.roomCreate) throw new TwirpError(403, 'permission_denied', 'requires roomCreate')
      const req = CreateRoomRequest.fromJson(body as never, { ignoreUnknownFields: true })
      const room = sfu.room(req.name)
      if (req.metadata) room.metadata = req.metadata
      return room.info()
    },
    DeleteRoom(body, claims) {
      if (!claims.video?.roomCreate) throw new TwirpError(403, 'permission_denied', 'requires roomCreate')
      const req = DeleteRoomRequest.fromJson(body as never, { ignoreUnknownFields: true })
      sfu.deleteRoom(req.room, DisconnectReason.ROOM_DELETED)
      return {}
    },
    ListParticipants(body, claims) {
      const req = ListParticipantsRequest.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const room = sfu.rooms.get(req.room)
      return new ListParticipantsResponse({
        participants: room ? [...room.participants.values()].map((p) => p.info()) : [],
      })
    },
    GetParticipant(body, claims) {
      const req = RoomParticipantIdentity.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      return participantOf(roomOf(req.room), req.identity).info()
    },
    RemoveParticipant(body, claims) {
      const req = RoomParticipantIdentity.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const room = roomOf(req.room)
      room.remove(participantOf(room, req.identity), DisconnectReason.PARTICIPANT_REMOVED)
      return {}
    },
    MutePublishedTrack(body, claims) {
      const req = MuteRoomTrackRequest.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const p = participantOf(roomOf(req.room), req.identity)
      const track = p.tracks.get(req.trackSid)
      if (!track) throw notFound('track')
      // As LiveKit by default: a server may mute anyone, but only the person may unmute.
      if (!req.muted) throw new TwirpError(403, 'permission_denied', 'remote unmute is not enabled')
      p.send({ case: 'mute', value: { sid: req.trackSid, muted: true } as never })
      p.setMuted(req.trackSid, true)
      return new MuteRoomTrackResponse({ track: track.info })
    },
    UpdateParticipant(body, claims) {
      const req = UpdateParticipantRequest.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const room = roomOf(req.room)
      const p = participantOf(room, req.identity)
      if (req.metadata) p.metadata = req.metadata
      if (req.name) p.name = req.name
      if (req.attributes && Object.keys(req.attributes).length > 0) {
        const next = { ...p.attributes }
        // An empty value deletes the attribute, as in LiveKit.
        for (const [k, v] of Object.entries(req.attributes)) {
          if (v === '') delete next[k]
          else next[k] = v
        }
        p.attributes = next
      }
      if (req.permission) applyPermission(p, req.permission)
      p.touch()
      room.broadcastUpdate(p, true)
      return p.info()
    },
    UpdateSubscriptions(body, claims) {
      const req = UpdateSubscriptionsRequest.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const room = roomOf(req.room)
      const p = participantOf(room, req.identity)
      const change = subscriptionChange(req)
      // The same path as the participant's own request: its client sees the same events.
      if (change) room.changeSubscription(p, change)
      return {}
    },
    SendData(body, claims) {
      const req = SendDataRequest.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const room = roomOf(req.room)
      const reliable = req.kind !== DataPacket_Kind.LOSSY
      const destinations = [
        ...req.destinationIdentities,
        ...req.destinationSids.map((sid) => room.bySid(sid)?.identity).filter((x): x is string => !!x),
      ]
      const packet = new DataPacket({
        kind: req.kind,
        destinationIdentities: destinations,
        value: {
          case: 'user',
          value: new UserPacket({
            payload: req.data,
            topic: req.topic,
            destinationIdentities: destinations,
            nonce: req.nonce,
          }),
        },
      })
      room.sendServerData(packet.toBinary(), reliable, destinations)
      return {}
    },
    UpdateRoomMetadata(body, claims) {
      const req = UpdateRoomMetadataRequest.fromJson(body as never, { ignoreUnknownFields: true })
      admin(claims, req.room)
      const room = roomOf(req.room)
      room.metadata = req.metadata
      for (const p of room.participants.values()) p.send({ case: 'roomUpdate', value: { room: room.info() } as never })
      return room.info()
    },
  }

  try {
    const result = handlers[method](body ?? {}, claims)
    const json =
      result && typeof (result as { toJson?: unknown }).toJson === 'function'
        ? (result as { toJson(): unknown }).toJson()
        : result
    return { ok: true, json: json ?? {} }
  } catch (err) {
    if (err instanceof TwirpError) return twirpFailure(err.status, err.code, err.message)
    return twirpFailure(400, 'malformed', (err as Error).message)
  }
}

/** Applies new permissions; publishing rights taken away unpublish the tracks concerned. */
function applyPermission(p: SfuParticipant, permission: ParticipantPermission): void {
  p.permission = permission
  for (const track of [...p.tracks.values()]) {
    if (!canPublishSource(permission, track.info.source)) p.unpublish(track.info.sid)
  }
}
