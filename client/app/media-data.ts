/**
 * LiveKit data arriving from others, by topic (PROTOCOL.md "Data messages"): `reaction` (reliable,
 * UTF-8 emoji), `pose` (lossy, binary pose packets).
 */
import { decodePose } from '#common/protocol/pose-codec.ts'
import { isReaction, showReaction } from '../state/reactions-store.ts'
import { pushPose } from '../state/pose-buffers.ts'

export const DataTopic = { reaction: 'reaction', pose: 'pose' } as const

const decoder = new TextDecoder()

export function handleMediaData(from: string, payload: Uint8Array, topic: string | undefined): void {
  switch (topic) {
    case DataTopic.reaction: {
      if (payload.byteLength > 16) return
      const emoji = decoder.decode(payload)
      if (isReaction(emoji)) showReaction(from, emoji)
      return
    }
    case DataTopic.pose: {
      // Garbage and other versions are dropped; the avatar stays where it was.
      const pose = decodePose(payload)
      if (pose) pushPose(from, pose, performance.now())
      return
    }
    default:
      return
  }
}
