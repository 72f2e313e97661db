/** What the scene view last drew, for the debug hook (tests). */
export const sceneDebug = { roomShown: true }
