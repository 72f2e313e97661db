/**
 * Where the in-headset panel and its buttons are, in the XR origin's space (metres): at chest
 * height, a little left of straight ahead, facing the wearer. Tests aim emulated controllers here.
 */
export const XR_PANEL = { position: [-0.3, 1.15, -0.55] as const, width: 0.36, buttonHeight: 0.07, gap: 0.02 }

/** Everyone's buttons, then the teacher's console buttons (moderators only). */
export const XR_BUTTONS = ['hand', 'exit', 'muteAll', 'lowerHands', 'lockBoards'] as const
export type XrButton = (typeof XR_BUTTONS)[number]

/** The centre of a button in the XR origin's space. */
export function xrButtonCentre(button: XrButton): [number, number, number] {
  const i = XR_BUTTONS.indexOf(button)
  const [x, y, z] = XR_PANEL.position
  return [x, y - i * (XR_PANEL.buttonHeight + XR_PANEL.gap), z]
}
