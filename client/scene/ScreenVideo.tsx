/**
 * A screen's live video: the track plays in a muted, detached <video> whose frames a
 * THREE.VideoTexture uploads as they arrive. The picture keeps its aspect ratio inside the screen.
 */
import { useEffect, useState } from 'react'
import { SRGBColorSpace, VideoTexture } from 'three'
import type { ScreenFeed } from '../state/screen-feeds.ts'
import { screenVideos } from './screen-registry.ts'

export function ScreenVideo({ screenId, feed, size }: { screenId: string; feed: ScreenFeed; size: [number, number] }) {
  const [shown, setShown] = useState<{ texture: VideoTexture; aspect: number }>()
  const { track, identity, source } = feed

  useEffect(() => {
    const video = document.createElement('video')
    video.muted = true
    video.playsInline = true
    video.autoplay = true
    video.srcObject = new MediaStream([track])
    const texture = new VideoTexture(video)
    texture.colorSpace = SRGBColorSpace
    // Shown once the first frame says how large the picture is.
    const onResize = () => {
      if (video.videoWidth > 0 && video.videoHeight > 0)
        setShown({ texture, aspect: video.videoWidth / video.videoHeight })
    }
    video.addEventListener('resize', onResize)
    void video.play().catch(() => {})
    screenVideos.set(screenId, { video, texture, identity, source })
    return () => {
      video.removeEventListener('resize', onResize)
      if (screenVideos.get(screenId)?.video === video) screenVideos.delete(screenId)
      video.srcObject = null
      texture.dispose()
      setShown(undefined)
    }
  }, [screenId, track, identity, source])

  if (!shown) return null
  const [w, h] = size
  // Contain: the largest rectangle of the video's aspect that fits the screen.
  const fitW = Math.min(w, h * shown.aspect)
  const fitH = fitW / shown.aspect
  return (
    <mesh position={[0, 0, 0.002]} name={`video:${screenId}`}>
      <planeGeometry args={[fitW, fitH]} />
      <meshBasicMaterial map={shown.texture} toneMapped={false} />
    </mesh>
  )
}
