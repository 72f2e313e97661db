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
}

export const renderedAvatars = new Map<string, AvatarPlacement>()
