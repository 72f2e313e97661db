import { describe, expect, it } from 'vitest'
import { deviceLook } from '../../../client/world/controls/device-look.ts'

const deg = (r: number) => Math.round((r * 180) / Math.PI) + 0

describe('looking around by turning the phone', () => {
  it('a phone held upright looks straight ahead', () => {
    const { yaw, pitch } = deviceLook(0, 90, 0, 0)
    expect(deg(yaw)).toBe(0)
    expect(deg(pitch)).toBe(0)
  })
  it('tilting the top back looks up; forward looks down', () => {
    expect(deg(deviceLook(0, 120, 0, 0).pitch)).toBe(30)
    expect(deg(deviceLook(0, 60, 0, 0).pitch)).toBe(-30)
  })
  it('turning to the left (the compass heading grows) turns the view left, like the arrow keys', () => {
    expect(deg(deviceLook(90, 90, 0, 0).yaw)).toBe(90)
    expect(deg(deviceLook(-45, 90, 0, 0).yaw)).toBe(-45)
  })
  it('a phone turned to landscape still looks ahead when held upright that way', () => {
    const { yaw, pitch } = deviceLook(0, 0, -90, 90)
    expect(deg(pitch)).toBe(0)
    expect(Math.abs(deg(yaw)) % 180).toBe(90)
  })
})
