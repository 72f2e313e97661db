/**
 * Remote voices through one Web Audio graph: each voice passes a PannerNode placed at the
 * speaker's avatar head (moved by world/SpatialAudio in the frame loop), so people are heard from
 * where they stand. The presenter (teacher or spotlight) loses nothing with distance. Devices that
 * play no session audio (on-site learners by default) attach nothing at all.
 */
import type { RemoteAudioTrack, RemoteTrack } from 'livekit-client'
import { voiceListener, voicePanners } from '../state/voice-panners.ts'

interface Voice {
  track: RemoteAudioTrack
  panner: PannerNode | undefined
}

class AudioOut {
  private ctx: AudioContext | undefined
  private readonly voices = new Map<string, Voice>()
  private enabled = true
  private readonly panners = voicePanners

  private context(): AudioContext {
    if (!this.ctx) {
      this.ctx = new AudioContext({ latencyHint: 'interactive' })
      voiceListener.current = this.ctx.listener
    }
    if (this.ctx.state === 'suspended') void this.ctx.resume().catch(() => {})
    return this.ctx
  }

  handleTrack(identity: string, track: RemoteTrack | undefined): void {
    this.drop(identity)
    if (!track || track.kind !== 'audio') return
    const voice: Voice = { track: track as RemoteAudioTrack, panner: undefined }
    this.voices.set(identity, voice)
    if (this.enabled) this.play(identity, voice)
  }

  private play(identity: string, voice: Voice): void {
    const ctx = this.context()
    const panner = new PannerNode(ctx, {
      panningModel: 'HRTF',
      distanceModel: 'inverse',
      refDistance: 1.5,
      maxDistance: 40,
      rolloffFactor: 1,
    })
    voice.panner = panner
    voice.track.setAudioContext(ctx)
    voice.track.setWebAudioPlugins([panner])
    voice.track.attach()
    this.panners.set(identity, panner)
  }

  private silence(identity: string, voice: Voice): void {
    voice.track.detach()
    voice.track.setWebAudioPlugins([])
    voice.panner?.disconnect()
    voice.panner = undefined
    this.panners.delete(identity)
  }

  private drop(identity: string): void {
    const voice = this.voices.get(identity)
    if (!voice) return
    this.silence(identity, voice)
    this.voices.delete(identity)
  }

  /** Plays the session's audio here, or not. */
  setEnabled(on: boolean): void {
    this.enabled = on
    for (const [id, voice] of this.voices) {
      if (on && !voice.panner) this.play(id, voice)
      if (!on && voice.panner) this.silence(id, voice)
    }
  }

  /** Which voices play now (for tests and the status line). */
  playing(): string[] {
    return [...this.voices.entries()].filter(([, v]) => v.panner).map(([id]) => id)
  }

  /** Plays through another speaker (where the browser can choose one). */
  async setSink(deviceId: string): Promise<void> {
    const ctx = this.context() as AudioContext & { setSinkId?: (id: string) => Promise<void> }
    await ctx.setSinkId?.(deviceId === 'default' ? '' : deviceId)
  }

  clear(): void {
    for (const id of [...this.voices.keys()]) this.drop(id)
  }
}

export const audioOut = new AudioOut()
