/**
 * What the SFU takes from a subscriber's `subscription` and `trackSetting` requests, built as
 * livekit-client 2.23 builds them (RemoteTrackPublication.setSubscribed / emitTrackUpdate).
 */
import { describe, expect, it } from 'vitest'
import {
  ParticipantTracks,
  UpdateSubscription,
  UpdateSubscriptionsRequest,
  UpdateTrackSettings,
  VideoQuality,
} from '@livekit/protocol'
import { subscriptionChange, trackSettingsChange } from '../../../../server/media/sfu/subscription-request.ts'

describe('subscription requests', () => {
  it('reads setSubscribed(false) as one unsubscription, though livekit-client names the track twice', () => {
    const m = new UpdateSubscription({
      trackSids: ['TR_abc123'],
      subscribe: false,
      participantTracks: [new ParticipantTracks({ participantSid: 'PA_x', trackSids: ['TR_abc123'] })],
    })
    expect(subscriptionChange(m)).toEqual({ kind: 'subscribe', trackSids: ['TR_abc123'], subscribe: false })
  })

  it('takes tracks named only per participant, as older clients and Twirp callers do', () => {
    const m = new UpdateSubscriptionsRequest({
      room: 'r',
      identity: 'p',
      subscribe: true,
      participantTracks: [new ParticipantTracks({ participantSid: 'PA_x', trackSids: ['TR_a', 'TR_b'] })],
    })
    expect(subscriptionChange(m)).toEqual({ kind: 'subscribe', trackSids: ['TR_a', 'TR_b'], subscribe: true })
  })

  it('drops sids that are not track sids and caps a huge list', () => {
    const m = new UpdateSubscription({
      trackSids: ['', 'PA_x', 'TR_', 'TR_ok', 'TR_bad sid', `TR_${'x'.repeat(100)}`],
      subscribe: false,
    })
    expect(subscriptionChange(m)?.trackSids).toEqual(['TR_ok'])
    const many = new UpdateSubscription({ trackSids: Array.from({ length: 1000 }, (_, i) => `TR_${i}`) })
    expect(subscriptionChange(many)?.trackSids).toHaveLength(256)
  })

  it('refuses what is not a subscription at all', () => {
    expect(subscriptionChange({ trackSids: 'TR_a', subscribe: false, participantTracks: [] })).toBeUndefined()
    expect(subscriptionChange(undefined)).toBeUndefined()
  })

  it('reads setEnabled(false) and adaptive stream settings as enabled or not, whatever the quality asked', () => {
    const off = new UpdateTrackSettings({ trackSids: ['TR_v'], disabled: true, quality: VideoQuality.HIGH })
    expect(trackSettingsChange(off)).toEqual({ kind: 'enable', trackSids: ['TR_v'], enabled: false })
    const on = new UpdateTrackSettings({ trackSids: ['TR_v'], disabled: false, width: 320, height: 180 })
    expect(trackSettingsChange(on)).toEqual({ kind: 'enable', trackSids: ['TR_v'], enabled: true })
    expect(trackSettingsChange({ trackSids: ['TR_v'] })).toBeUndefined()
  })
})
