/**
 * Live media as data: the connection, this participant's microphone / camera / screen and what
 * the grants allow, and what everyone else sends. Filled by app/media-controller.ts. Audio levels
 * change many times a second, so they live in a plain map the frame loop reads, not in the store.
 */
import { createStore } from 'zustand/vanilla'
import type { LocalMedia, MediaStatus, RemoteMedia } from '../net/media/media-manager.ts'

export interface MediaState {
  status: MediaStatus
  local: LocalMedia
  /** Everyone else's tracks, by identity. */
  remotes: Record<string, RemoteMedia>
  /** Identities speaking now, loudest first. */
  speakers: string[]
  /** This device plays the session's audio (on-site devices do not, by default). */
  playAudio: boolean
}

export const noLocalMedia: LocalMedia = {
  mic: false,
  camera: false,
  screen: false,
  canMic: false,
  canCamera: false,
  canScreen: false,
  videoHeld: false,
}

export const mediaStore = createStore<MediaState>(() => ({
  status: { kind: 'off' },
  local: noLocalMedia,
  remotes: {},
  speakers: [],
  playAudio: true,
}))

/** Audio level 0..1 by identity (0 when silent); written on speaker updates, read in useFrame. */
export const audioLevels = new Map<string, number>()
