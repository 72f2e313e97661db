/**
 * Where the in-headset panel and its buttons are, in the XR origin's space (metres): a grid of two
 * columns at chest height, a little left of straight ahead, facing the wearer. Buttons are 30 × 8 cm
 * at arm's length, so a ray from a shaking hand still lands on the one it points at. Tests aim
 * emulated controllers here.
 */
export const XR_PANEL = {
  /** The centre of the top row. */
  position: [-0.3, 1.3, -0.55] as const,
  buttonWidth: 0.3,
  buttonHeight: 0.08,
  gap: 0.02,
  columns: 2,
}

/**
 * Every slot in reading order (row by row): everyone's buttons, then the teacher's console
 * (moderators only; the lab's only when the scene has one). A slot with nothing to show stays
 * empty, so a button never moves under the ray.
 */
export const XR_BUTTONS = [
  'hand',
  'exit',
  'muteAll',
  'lowerHands',
  'speak',
  'timer',
  'lockBoards',
  'lockLab',
  'resetLab',
  'confirmReset',
] as const
export type XrButton = (typeof XR_BUTTONS)[number]

/** The centre of a button in the XR origin's space. */
export function xrButtonCentre(button: XrButton): [number, number, number] {
  const i = XR_BUTTONS.indexOf(button)
  const row = Math.floor(i / XR_PANEL.columns)
  const column = i % XR_PANEL.columns
  const [x, y, z] = XR_PANEL.position
  const pitch = XR_PANEL.buttonWidth + XR_PANEL.gap
  return [x + (column - (XR_PANEL.columns - 1) / 2) * pitch, y - row * (XR_PANEL.buttonHeight + XR_PANEL.gap), z]
}

/** Where the panel's one-line notice (a refused action) is shown: under the last row. */
export function xrNoticeCentre(): [number, number, number] {
  const rows = Math.ceil(XR_BUTTONS.length / XR_PANEL.columns)
  const [x, y, z] = XR_PANEL.position
  return [x, y - rows * (XR_PANEL.buttonHeight + XR_PANEL.gap), z]
}
