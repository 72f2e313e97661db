import { customAlphabet } from 'nanoid'
import {
  ID_ALPHABET,
  INVITE_CODE_LENGTH,
  PARTICIPANT_ID_LENGTH,
  SESSION_ID_LENGTH,
  type InviteCode,
  type ParticipantIdentity,
  type SessionId,
} from '#common/ids.ts'

const sessionId = customAlphabet(ID_ALPHABET, SESSION_ID_LENGTH)
// 12 characters of a 31-letter alphabet: about 59 bits, and joins are rate limited per session.
const inviteCode = customAlphabet(ID_ALPHABET, INVITE_CODE_LENGTH)
const participantId = customAlphabet(ID_ALPHABET, PARTICIPANT_ID_LENGTH)

export const newSessionId = () => sessionId() as SessionId
export const newInviteCode = () => inviteCode() as InviteCode
export const newParticipantIdentity = () => `p_${participantId()}` as ParticipantIdentity
