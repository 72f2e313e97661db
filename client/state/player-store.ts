/**
 * Where this participant is in the room and where they look: read and written in the frame loop
 * (getState/setState without React), shown to React only for slow things like the seat.
 */
import { createStore } from 'zustand/vanilla'

export interface PlayerState {
  /** Feet position, metres. */
  x: number
  y: number
  z: number
  /** Heading around +Y and look up/down, radians. */
  yaw: number
  pitch: number
  /** The seat sat on, if any (also published in presence). */
  seat: string | undefined
  /** Where a click asked to walk to (feet position), if walking. */
  target: { x: number; z: number } | undefined
}

export const playerStore = createStore<PlayerState>(() => ({
  x: 0,
  y: 0,
  z: 0,
  yaw: 0,
  pitch: -0.08,
  seat: undefined,
  target: undefined,
}))

/** Sits down on a scene seat: at its position, facing where it faces, no longer walking. */
export function sitAtSeat(seat: { id: string; position: readonly number[]; rotation: readonly number[] }): void {
  playerStore.setState({
    x: seat.position[0]!,
    z: seat.position[2]!,
    yaw: (seat.rotation[1]! * Math.PI) / 180,
    seat: seat.id,
    target: undefined,
  })
}
