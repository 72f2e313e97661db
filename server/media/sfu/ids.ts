import { customAlphabet } from 'nanoid'

const suffix = customAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 12)

/** LiveKit-style ids: the prefix tells what it names; clients rely on `PA_` and `TR_`. */
export const newRoomSid = () => `RM_${suffix()}`
export const newParticipantSid = () => `PA_${suffix()}`
export const newTrackSid = () => `TR_${suffix()}`
