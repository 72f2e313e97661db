/**
 * The Web Audio side of spatial voices, shared between the audio output (app/audio-out.ts, which
 * creates a PannerNode per remote voice) and the frame loop (world/SpatialAudio.tsx, which moves
 * them to the speakers' heads and the listener to the camera). Plain data, read per frame.
 */
export const voicePanners = new Map<string, PannerNode>()

export const voiceListener: { current: AudioListener | undefined } = { current: undefined }
