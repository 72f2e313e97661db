import type { VideoTexture } from 'three'

/** What each scene screen shows now (for the debug hook): its video element and texture. */
export const screenVideos = new Map<
  string,
  { video: HTMLVideoElement; texture: VideoTexture; identity: string; source: 'camera' | 'screen' }
>()
