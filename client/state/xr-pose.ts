/**
 * Where this participant's headset and controllers (or tracked hands) are in the room during an
 * immersive session: written every frame by xr/XrPoseReader, read by the pose sender. Plain
 * mutable data rather than a store: it changes every frame and nothing renders from it. Not in
 * playerStore, whose yaw turns the XR origin: the head's yaw written there would turn it again.
 */
export const xrPose = {
  /** In an immersive session with a tracked headset this frame. */
  active: false,
  /** The head over the floor (x, z, metres) and where it looks (radians, as PlayerState). */
  x: 0,
  z: 0,
  yaw: 0,
  pitch: 0,
  /** Both controllers (or hands) tracked this frame; their grip positions in room metres. */
  hands: false,
  left: [0, 0, 0] as [number, number, number],
  right: [0, 0, 0] as [number, number, number],
}
