/**
 * Wires the media manager into the media store and applies the role policy: the room device
 * publishes its camera and microphone (echo cancellation, noise suppression, gain control on) and
 * plays the session; on-site learners play no session audio and start with the microphone off
 * (the room's microphone and speakers carry them); everyone follows their breakout group's room.
 */
import type { JoinResponse } from '#common/api/join.ts'
import type { Role } from '#common/roles.ts'
import type { RemoteTrack } from 'livekit-client'
import { MediaManager, type RemoteMedia } from '../net/media/media-manager.ts'
import type { SessionApi } from '../net/api/session-api.ts'
import { audioLevels, mediaStore, noLocalMedia } from '../state/media-store.ts'
import { settingsStore } from '../state/settings-store.ts'
import { audioOut } from './audio-out.ts'
import { DataTopic, handleMediaData } from './media-data.ts'
import { startPoseSender } from './pose-sender.ts'
import { forgetPoses } from '../state/pose-buffers.ts'
import type { Reaction } from '../state/reactions-store.ts'

const encoder = new TextEncoder()

let manager: MediaManager | undefined
let stopSettings = (): void => {}
let stopPoses = (): void => {}
/** The media room's group we last asked for (`null`: the main room). */
let placedIn: string | null = null
let placing = 0

/** Whether a device with this role plays the session's audio by default. */
export const playsAudio = (role: Role): boolean => role !== 'onsite'

export function startMedia(join: JoinResponse): void {
  stopMedia()
  const role = join.participant.role
  const playAudio = playsAudio(role)
  mediaStore.setState({ status: { kind: 'connecting' }, local: noLocalMedia, remotes: {}, speakers: [], playAudio })
  audioOut.setEnabled(playAudio)
  const live = new MediaManager({
    onStatus: (status) => mediaStore.setState({ status }),
    onLocal: (local) => mediaStore.setState({ local }),
    onRemotes: (list) => {
      const remotes: Record<string, RemoteMedia> = {}
      for (const r of list) remotes[r.identity] = r
      mediaStore.setState({ remotes })
    },
    onSpeakers: (speakers) => {
      for (const id of audioLevels.keys()) audioLevels.set(id, 0)
      for (const s of speakers) audioLevels.set(s.identity, s.level)
      mediaStore.setState({ speakers: speakers.map((s) => s.identity) })
    },
    onData: handleMediaData,
    onAudio: (identity, track) => audioOut.handleTrack(identity, track as RemoteTrack | undefined),
    wantVideo: () => !settingsStore.getState().audioOnly,
  })
  manager = live
  placedIn = null
  // Observers send nothing (their grants have no data); the room device does not walk.
  if (role !== 'observer' && role !== 'room')
    stopPoses = startPoseSender((bytes) => live.send(bytes, false, DataTopic.pose))
  stopSettings = settingsStore.subscribe((s, prev) => {
    if (s.audioOnly !== prev.audioOnly) live.handleVideoWanted()
  })
  void live.connect(join.media).then(() => {
    // The classroom PC is the room's eyes and ears: camera and microphone on from the start.
    if (role === 'room' && manager === live) {
      void live.setCamera(true).catch(() => {})
      void live.setMic(true).catch(() => {})
    }
  })
}

/**
 * The person now belongs in a breakout group's room (or, with `undefined`, the main room): ask
 * the server for that room's token and move there when it is another room.
 */
export function placeMedia(group: string | undefined, api: SessionApi | undefined): void {
  const want = group ?? null
  const live = manager
  if (!live || !api || want === placedIn) return
  placedIn = want
  const ticket = ++placing
  void api
    .mediaToken(group)
    .then((res) => {
      if (manager !== live || ticket !== placing) return
      return live.connect({ url: res.url, token: res.token })
    })
    .catch(() => {
      // Stay in the current room; the next change of place asks again.
      if (ticket === placing) placedIn = null
    })
}

export function stopMedia(): void {
  stopSettings()
  stopSettings = () => {}
  stopPoses()
  stopPoses = () => {}
  forgetPoses()
  void manager?.destroy()
  manager = undefined
  audioOut.clear()
  audioLevels.clear()
  mediaStore.setState({ status: { kind: 'off' }, local: noLocalMedia, remotes: {}, speakers: [] })
}

/** The live media manager (undefined outside a session). */
export function currentMedia(): MediaManager | undefined {
  return manager
}

/** Actions the toolbar is given. */
export const mediaActions = {
  setMic: (on: boolean) => manager?.setMic(on) ?? Promise.resolve(),
  setCamera: (on: boolean) => manager?.setCamera(on) ?? Promise.resolve(),
  setScreen: (on: boolean) => manager?.setScreen(on) ?? Promise.resolve(),
  devices: () => manager?.devices() ?? Promise.resolve([]),
  activeDevice: (kind: MediaDeviceKind) => manager?.activeDevice(kind),
  useDevice: async (kind: MediaDeviceKind, id: string) => {
    // Voices play through our own audio graph, so the speaker choice goes there too.
    if (kind === 'audiooutput') await audioOut.setSink(id)
    else await manager?.useDevice(kind, id)
  },
  /** A reaction floats over this person's avatar for everyone. */
  react: (emoji: Reaction) => manager?.send(encoder.encode(emoji), true, DataTopic.reaction),
  /** On-site devices may still choose to hear the session (headphones). */
  setPlayAudio: (on: boolean) => {
    mediaStore.setState({ playAudio: on })
    audioOut.setEnabled(on)
  },
}
export type MediaActions = typeof mediaActions
