/**
 * Keyframe requests to a publisher's camera: never two within 350 ms, and none while the keyframe
 * asked for is on its way, however many requests the SFU gets meanwhile (a class joining at once,
 * or receivers that lose pictures). Each keyframe is several times a normal frame; asking again
 * before the last one arrived made the teacher's Chrome queue keyframes of the camera and the
 * screen share, each later than the last. None is lost: a keyframe that never comes is asked for
 * again. A synthetic werift publisher that answers requests with keyframes as an encoder does, a
 * werift subscriber that asks for pictures itself (werift's router on the SFU sent a werift
 * client's requests to the wrong place; `keyframeRequestsToSenders`), a real server in this
 * process.
 */
import { describe, expect, it } from 'vitest'
import { syntheticLesson } from '../../helpers/synthetic-lesson.ts'
import { KEYFRAME_REQUEST_GAP_MS, KEYFRAME_WAIT_MS } from '../../../server/media/sfu/published-track.ts'

const lesson = syntheticLesson()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('keyframe requests to a publisher', () => {
  it('go one at a time: the first at once, none while its keyframe is on the way, again if it never comes', async () => {
    const { sessionId, learnerInvite, camera } = await lesson.teacherWithCamera()
    const requests: number[] = []
    camera.onKeyframeRequest(() => requests.push(performance.now()))

    const video = await lesson.videoListener(sessionId, learnerInvite)
    // The join's own series of requests (up to 3 s after the connection is up) is over.
    await sleep(3500)

    const asks = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await video.receiver.sendRtcpPLI(video.ssrc)
        await sleep(10)
      }
    }
    // The listener asks for a picture twenty times in 200 ms; the camera answers each request
    // with a keyframe. Asks made after a keyframe passed are a new request, one gap later.
    requests.length = 0
    const keyframesBefore = camera.keyframes
    const firstAsked = performance.now()
    await asks(20)
    await sleep(KEYFRAME_REQUEST_GAP_MS + 200)
    expect(requests.length).toBeGreaterThanOrEqual(1)
    expect(requests.length).toBeLessThanOrEqual(2)
    expect(requests[0]! - firstAsked).toBeLessThan(100)
    if (requests.length === 2) expect(requests[1]! - requests[0]!).toBeGreaterThan(KEYFRAME_REQUEST_GAP_MS - 20)
    expect(camera.keyframes - keyframesBefore).toBe(requests.length)

    // A keyframe that never comes (lost on the way) is asked for again after the wait, not sooner.
    await sleep(KEYFRAME_WAIT_MS)
    camera.answerKeyframeRequests(false)
    requests.length = 0
    const unanswered = performance.now()
    await asks(20)
    await sleep(KEYFRAME_WAIT_MS + 300)
    camera.answerKeyframeRequests(true)
    expect(requests.length).toBeGreaterThanOrEqual(2)
    expect(requests[0]! - unanswered).toBeLessThan(100)
    // Timers may fire a little early.
    expect(requests[1]! - requests[0]!).toBeGreaterThan(KEYFRAME_WAIT_MS - 20)
  })
})
