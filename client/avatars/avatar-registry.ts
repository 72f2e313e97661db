/**
 * Where every rendered avatar is, updated in the frame loop: read by the debug hook (tests) and by
 * spatial audio later. Plain data, no React.
 */
export interface AvatarPlacement {
  identity: string
  name: string
  x: number
  y: number
  z: number
  seated: boolean
  /** Placed by live poses (LiveKit data) rather than by presence (seat or a standing spot). */
  live: boolean
  /** The speaking ring's strength now, 0 (hidden) to 1. */
  ring: number
  /** Connected to audio with the microphone off or muted: the marker shows. */
  muted: boolean
  /** Heading and head tilt drawn, radians. */
  yaw: number
  pitch: number
  /** Hands drawn where a headset wearer holds their controllers (or hands); positions in metres. */
  hands: boolean
  left: [number, number, number]
  right: [number, number, number]
}

export const renderedAvatars = new Map<string, AvatarPlacement>()

/** Reactions floating over avatars now and where (metres), by reaction id. */
export const shownReactions = new Map<number, { identity: string; emoji: string; x: number; y: number; z: number }>()
