/**
 * Atrium's embedded SFU: enough of LiveKit's server side for the unmodified livekit-client (and
 * livekit-server-sdk's RoomServiceClient) to work against this process, on one machine.
 * Spec of what is needed: shared/design/livekit-embedded-sfu.md.
 */
import type { Logger } from 'pino'
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk'
import {
  DisconnectReason,
  JoinResponse,
  LeaveRequest,
  LeaveRequest_Action,
  ReconnectResponse,
  ServerInfo,
  ServerInfo_Edition,
} from '@livekit/protocol'
import type { SfuConfig } from './sfu-config.ts'
import { SfuRoom } from './sfu-room.ts'
import { SfuParticipant } from './sfu-participant.ts'
import { permissionFromGrants } from './grants.ts'
import { newParticipantSid, newRoomSid } from './ids.ts'
import { encodeJoinResponse, encodeParticipantUpdate, encodeSignalResponse } from './signal-codec.ts'
import { loadWerift, weriftSettled } from './werift-lazy.ts'
import { checkJoinToken } from './join-token.ts'
import type { SignalJoin } from './signal-join.ts'
import type { EarlyFrame, SignalSocket } from './signal-socket.ts'
import type { SignalPath } from './participant-transport.ts'
import type { ParticipantState, SfuHost, SpeakingListener, TokenCheck } from './sfu-host.ts'
import { callRoomService, type RoomServiceMethod, type RoomServiceResult } from './room-service-calls.ts'

export const SERVER_VERSION = '1.9.0'
/** The signalling protocol version this server speaks (livekit-client 2.23 sends 17). */
export const SERVER_PROTOCOL = 16

export type { TokenCheck } from './sfu-host.ts'

const DEFAULT_EMPTY_ROOM_SECONDS = 300
/** How long a participant whose signal socket dropped stays, for its client to resume or rejoin. */
const RESUME_WINDOW_MS = 10_000

/** Every room in this thread. */
export class EmbeddedSfu implements SfuHost {
  readonly rooms = new Map<string, SfuRoom>()
  private readonly verifier: TokenVerifier

  /** Active-speaker changes of every room (the learning records count speaking time from them). */
  onSpeaking: SpeakingListener = () => {}
  /** A room closed: empty for too long, or deleted through the RoomService. */
  onRoomClosed: (room: string) => void = () => {}
  private readonly emptySince = new Map<string, number>()
  private readonly sweeper: NodeJS.Timeout
  private closed = false

  constructor(
    readonly config: SfuConfig,
    private readonly log: Logger,
  ) {
    this.verifier = new TokenVerifier(config.apiKey, config.apiSecret)
    const emptyMs = (config.emptyRoomSeconds ?? DEFAULT_EMPTY_ROOM_SECONDS) * 1000
    this.sweeper = setInterval(() => this.closeEmptyRooms(emptyMs), Math.min(30_000, emptyMs / 4))
    this.sweeper.unref()
  }

  /** Rooms left empty stop costing timers and memory (a server runs for months of sessions). */
  private closeEmptyRooms(emptyMs: number): void {
    const now = Date.now()
    for (const [name, room] of this.rooms) {
      if (room.participants.size > 0) this.emptySince.delete(name)
      else if (!this.emptySince.has(name)) this.emptySince.set(name, now)
      else if (now - this.emptySince.get(name)! >= emptyMs) this.deleteRoom(name, DisconnectReason.ROOM_CLOSED)
    }
  }

  deleteRoom(name: string, reason: DisconnectReason): void {
    const room = this.rooms.get(name)
    if (!room) return
    room.close(reason)
    this.rooms.delete(name)
    this.emptySince.delete(name)
    this.log.info({ room: name, reason: DisconnectReason[reason] }, 'room closed')
    this.onRoomClosed(name)
  }

  checkToken(token: string | undefined): Promise<TokenCheck> {
    return checkJoinToken(this.verifier, token)
  }

  room(name: string): SfuRoom {
    let room = this.rooms.get(name)
    if (!room) {
      room = new SfuRoom(
        newRoomSid(),
        name,
        this.log.child({ room: name }),
        (identity, speaking, at) => this.onSpeaking(name, identity, speaking, at),
        this.config.mutedTrackQuietMs,
      )
      this.rooms.set(name, room)
    }
    return room
  }

  expectJoin(): void {
    if (!this.closed) void loadWerift().catch(() => undefined)
  }

  /** A signal socket opened with a valid token, on either path. */
  async join(ws: SignalSocket, claims: ClaimGrants, roomName: string, req: SignalJoin): Promise<void> {
    // The client may speak before the participant exists (the first join waits for werift to load).
    const early: EarlyFrame[] = []
    const hold = (data: Buffer, isBinary: boolean) => early.push([data, isBinary])
    ws.on('message', hold)
    await loadWerift()
    if (this.closed) return ws.close(1001, 'server shutting down')
    if (req.reconnect) {
      const resumable = this.resumable(roomName, claims.sub!, req.participantSid, req.path)
      if (resumable) {
        this.resume(ws, resumable.room, resumable.participant, early, hold)
        return
      }
      // A participant already gone, or one that comes back on the other path: a full reconnect restores everything.
      ws.send(
        encodeSignalResponse({
          case: 'leave',
          value: new LeaveRequest({
            canReconnect: true,
            action: LeaveRequest_Action.RECONNECT,
            reason: DisconnectReason.STATE_MISMATCH,
          }),
        }),
      )
      ws.close(1000, 'reconnect')
      return
    }
    const room = this.room(roomName)
    const p = new SfuParticipant(
      newParticipantSid(),
      claims.sub!,
      {
        name: claims.name ?? claims.sub!,
        metadata: claims.metadata ?? '',
        attributes: claims.attributes ?? {},
        permission: permissionFromGrants(claims),
      },
      req.path,
      this.config,
      {
        trackPublished: (who, track) => room.published(who, track),
        trackUnpublished: (who, track) => room.unpublished(who, track),
        changed: (who) => room.changed(who),
        data: (who, bytes, reliable) => room.forwardData(who, bytes, reliable),
        subscription: (who, change) => room.changeSubscription(who, change),
        left: (who) => room.remove(who, DisconnectReason.CLIENT_INITIATED, false),
      },
      room.log,
    )
    this.attach(ws, room, p)
    room.add(p)
    p.sendFrame(
      encodeJoinResponse(
        new JoinResponse({
          room: room.info(),
          participant: p.info(),
          serverVersion: SERVER_VERSION,
          serverInfo: new ServerInfo({
            edition: ServerInfo_Edition.Standard,
            version: SERVER_VERSION,
            protocol: SERVER_PROTOCOL,
            nodeId: 'atrium-embedded',
          }),
          iceServers: this.iceServers() as never,
          // The classic path: the client waits for the subscriber connection, which the server offers.
          subscriberPrimary: req.path === '/rtc',
          pingInterval: 5,
          pingTimeout: 15,
        }),
        room.visibleInfos(p),
      ),
    )
    ws.off('message', hold)
    p.takeEarly(early)
    p.transport.start()
    if (req.path === '/rtc/v1' && req.publisherOffer) await p.answer(req.publisherOffer)
  }

  private attach(ws: SignalSocket, room: SfuRoom, p: SfuParticipant): void {
    p.attachSocket(ws)
    ws.on('close', () => {
      // The socket dropped without a goodbye: the client will resume or rejoin; leave room for it briefly.
      setTimeout(() => {
        if (!p.socket && room.participants.get(p.identity) === p) room.remove(p, DisconnectReason.SIGNAL_CLOSE, false)
      }, RESUME_WINDOW_MS).unref()
    })
  }

  /** The participant a reconnecting client was, if it is still in its room and came back on the same path. */
  private resumable(
    roomName: string,
    identity: string,
    sid: string | undefined,
    path: SignalPath,
  ): { room: SfuRoom; participant: SfuParticipant } | undefined {
    const room = this.rooms.get(roomName)
    const participant = room?.participants.get(identity)
    if (!room || !participant || participant.sid !== sid || participant.transport.path !== path) return undefined
    return { room, participant }
  }

  /**
   * LiveKit's resume: the client's peer connection survived the signal socket, so the participant
   * goes on with the new socket (nothing leaves, nothing is published again, media never stops).
   * The client then restarts ICE with a new offer on the connection it publishes on. What the old
   * socket may have lost is sent again: everyone's current state, and what the transport had asked
   * (a request for receive sections on `/rtc/v1`, the subscriber offer in flight on `/rtc`).
   */
  private resume(
    ws: SignalSocket,
    room: SfuRoom,
    p: SfuParticipant,
    early: EarlyFrame[],
    hold: (data: Buffer, isBinary: boolean) => void,
  ): void {
    p.socket?.terminate()
    this.attach(ws, room, p)
    p.send({
      case: 'reconnect',
      value: new ReconnectResponse({
        iceServers: this.iceServers() as never,
      }),
    })
    ws.off('message', hold)
    p.takeEarly(early)
    p.sendFrame(encodeParticipantUpdate(room.visibleInfos(p)))
    p.transport.resumed()
    this.log.info({ room: room.name, identity: p.identity }, 'signal connection resumed')
  }

  private iceServers() {
    return this.config.iceServers.map((s) => ({
      urls: s.urls,
      username: s.username ?? '',
      credential: s.credential ?? '',
    }))
  }

  /** Testing aid: simulated loss (share 0–1 each way) for every connection, live ones included. */
  setSimulatedLoss(share: number): void {
    this.config.simulatedLoss = share
    for (const room of this.rooms.values())
      for (const p of room.participants.values()) p.transport.setSimulatedLoss(share)
  }

  roomService(method: RoomServiceMethod, body: unknown, claims: ClaimGrants): Promise<RoomServiceResult> {
    return Promise.resolve(callRoomService(this, method, body, claims))
  }

  hasRooms(): boolean {
    return this.rooms.size > 0
  }

  /** Whether someone of that identity is in the room. */
  has(room: string, identity: string): boolean {
    return this.rooms.get(room)?.participants.has(identity) ?? false
  }

  participant(room: string, identity: string): Promise<ParticipantState | undefined> {
    const p = this.rooms.get(room)?.participants.get(identity)
    return Promise.resolve(p && { path: p.transport.path, connected: p.socket !== undefined })
  }

  dropSignal(room: string, identity: string): Promise<boolean> {
    const socket = this.rooms.get(room)?.participants.get(identity)?.socket
    socket?.terminate()
    return Promise.resolve(socket !== undefined)
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.sweeper)
    for (const room of this.rooms.values()) room.close(DisconnectReason.SERVER_SHUTDOWN)
    this.rooms.clear()
    await weriftSettled()
  }
}
