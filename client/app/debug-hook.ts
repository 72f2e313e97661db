import { sessionStore } from '../state/session-store.ts'
import { playerStore } from '../state/player-store.ts'
import { sceneDebug } from '../scene/scene-debug.ts'
import { xrButtonCentre } from '../xr/xr-panel-layout.ts'
import { drawnPanel } from '../xr/xr-panel-registry.ts'
import { renderedAvatars, shownReactions } from '../avatars/avatar-registry.ts'
import { boardsDebug } from '../boards/boards-controller.ts'
import { xrStore } from '../xr/xr-store.ts'
import { labStore } from '../state/lab-store.ts'
import { Mesh, Scene, Vector3, type Object3D } from 'three'
import { labFrame } from '../labs/lab-frame.ts'
import { scriptedXRDevice } from '../xr/scripted-emulator.ts'
import { inputModels } from '../xr/input-models.ts'
import { currentCollab } from './session-controller.ts'
import { audioLevels, mediaStore } from '../state/media-store.ts'
import { screenVideos } from '../scene/screen-registry.ts'
import { audioOut } from './audio-out.ts'
import { currentMedia } from './media-controller.ts'
import { voicePanners } from '../state/voice-panners.ts'

/** A tiny canvas the screen sampler draws video frames into. */
let sampler: CanvasRenderingContext2D | null | undefined

/**
 * A small read-only window into the app for tests and support: `window.atrium`.
 * It exposes nothing a participant could not already see on screen.
 */
export const debugHook = {
  frames: 0,
  state() {
    const s = sessionStore.getState()
    return {
      phase: s.phase.kind,
      collab: s.collab.kind,
      participants: s.participants.map((p) => ({
        identity: p.identity,
        name: p.name,
        role: p.role,
        via: p.via,
        seat: p.seat,
      })),
    }
  },
  /** Where this browser is: the scene, the boards and lab documents it shows, its breakout group. */
  place() {
    const s = sessionStore.getState()
    const collab = currentCollab()
    return {
      scene: s.phase.kind === 'in-session' ? s.phase.scene.id : undefined,
      boards: collab?.currentName('boards'),
      lab: collab?.currentName('lab'),
      breakout: s.breakout,
    }
  },
  /** The avatars drawn in the 3D room and where (metres). */
  avatars() {
    return [...renderedAvatars.values()].map((a) => ({ ...a }))
  },
  /** Reactions floating over avatars now, and where (metres). */
  reactions: () => [...shownReactions.values()].map((r) => ({ ...r })),
  /** Where an in-headset panel button is, in the XR origin's space (metres). */
  xrButton: xrButtonCentre,
  /** The in-headset panel's buttons as drawn now: each slot's label and whether it shows "on". */
  xrPanel: () => Object.fromEntries([...drawnPanel].map(([id, b]) => [id, { ...b }])),
  /** Whether the room itself (floor, walls, seats) is drawn; not in AR passthrough. */
  roomShown: () => sceneDebug.roomShown,
  /** Where this participant is. */
  player() {
    const { x, y, z, yaw, pitch, seat } = playerStore.getState()
    return { x, y, z, yaw, pitch, seat }
  },
  /** The board in front of this participant: page, items, content and pixel hashes, timings. */
  boards: boardsDebug,
  /** The XR store (with `?xr-emulator`, its emulated headset drives tests). */
  xr: xrStore,
  /** The lab as drawn in the last frame: shared clock, each object's transform, and the lab state. */
  lab() {
    const l = labStore.getState()
    const objects: Record<string, { position: number[]; rotation: number[]; visible: boolean }> = {}
    for (const [id, o] of labFrame.objects) {
      objects[id] = { position: [...o.position], rotation: [...o.rotation], visible: o.visible }
    }
    return {
      active: l.active,
      locked: l.locked,
      canWrite: l.canWrite,
      t: labFrame.t,
      frames: labFrame.frames,
      objects,
      vars: { ...l.snapshot.vars },
      clocks: { ...l.snapshot.clocks },
      steps: Object.keys(l.snapshot.steps),
    }
  },
  /** Where a lab object (plus an offset in metres) is on the 3D canvas, in CSS pixels from its corner. */
  labScreenPoint(id: string, offset: [number, number, number] = [0, 0, 0]) {
    const o = labFrame.objects.get(id)
    const canvas = document.querySelector('canvas')
    if (!o || !labFrame.camera || !canvas) return undefined
    const p = new Vector3(o.position[0]! + offset[0], o.position[1]! + offset[1], o.position[2]! + offset[2])
    p.project(labFrame.camera)
    const r = canvas.getBoundingClientRect()
    return { x: ((p.x + 1) / 2) * r.width, y: ((1 - p.y) / 2) * r.height }
  },
  /** Live media: connection, own microphone/camera/screen and grants, who sends what, who is heard. */
  media() {
    const m = mediaStore.getState()
    return {
      status: m.status,
      room: currentMedia()?.roomName,
      local: m.local,
      playAudio: m.playAudio,
      remotes: Object.values(m.remotes).map((r) => ({
        identity: r.identity,
        camera: r.camera !== undefined,
        screen: r.screen !== undefined,
        mic: r.mic,
      })),
      speakers: [...m.speakers],
      levels: Object.fromEntries(audioLevels),
      playing: audioOut.playing(),
      /** Where each voice is heard from (its PannerNode) and whether it fades with distance. */
      voices: Object.fromEntries(
        [...voicePanners].map(([id, p]) => [
          id,
          { x: p.positionX.value, y: p.positionY.value, z: p.positionZ.value, rolloff: p.rolloffFactor },
        ]),
      ),
    }
  },
  /**
   * What a scene screen shows: whose video, and its current frame drawn into a 32×18 canvas (the
   * same frame the screen's VideoTexture uploads): mean brightness 0..255 and a hash of the pixels.
   */
  screen(id: string) {
    const entry = screenVideos.get(id)
    if (!entry) return undefined
    const { video, texture } = entry
    sampler ??= Object.assign(document.createElement('canvas'), { width: 32, height: 18 }).getContext('2d', {
      willReadFrequently: true,
    })
    let mean = 0
    let hash = 0
    if (sampler && video.videoWidth > 0) {
      sampler.drawImage(video, 0, 0, 32, 18)
      const px = sampler.getImageData(0, 0, 32, 18).data
      for (let i = 0; i < px.length; i += 4) {
        mean += (px[i]! + px[i + 1]! + px[i + 2]!) / 3
        hash = (hash * 31 + px[i]! + px[i + 1]! * 7 + px[i + 2]! * 13) >>> 0
      }
      mean /= px.length / 4
    }
    return {
      identity: entry.identity,
      source: entry.source,
      width: video.videoWidth,
      height: video.videoHeight,
      textureUsesVideo: texture.image === video,
      mean,
      hash,
    }
  },
  /**
   * The controller and hand models in the headset view: how many meshes each has, and whether it
   * is in the drawn scene and visible there (its whole parent chain); `meshes: 0` when it failed
   * to load and only the pointer is drawn.
   */
  xrModels() {
    return [...inputModels.values()].map(({ kind, handedness, model }) => {
      let meshes = 0
      model?.traverse((o) => {
        if (o instanceof Mesh) meshes++
      })
      let inScene = false
      let visible = model !== undefined
      for (let o: Object3D | null = model ?? null; o; o = o.parent) {
        visible &&= o.visible
        if (o instanceof Scene) inScene = true
      }
      return { kind, handedness, meshes, inScene, visible }
    })
  },
  /** With `?xr-emulator=scripted`: the emulated headset whose controllers tests move. */
  xrDevice: scriptedXRDevice,
}

declare global {
  interface Window {
    atrium?: typeof debugHook
  }
}

export function installDebugHook(): void {
  window.atrium = debugHook
}
