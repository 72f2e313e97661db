import { useEffect, useRef } from 'react'

/** A remote camera as a plain, muted <video>: the projector shows people, not textures. */
export function CameraTile({ track, name }: { track: MediaStreamTrack; name: string }) {
  const ref = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    const video = ref.current
    if (!video) return
    video.srcObject = new MediaStream([track])
    void video.play().catch(() => {})
    return () => {
      video.srcObject = null
    }
  }, [track])
  return <video ref={ref} className="camera-tile" muted playsInline autoPlay aria-label={name} />
}
