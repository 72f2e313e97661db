/** This browser's viewing preferences, kept in localStorage. */
import { createStore } from 'zustand/vanilla'

export interface ViewSettings {
  /** 2D view instead of the 3D room (weak devices, or by choice). */
  lite: boolean
  /** Larger text throughout. */
  largeText: boolean
  /** Receive no video (poor links). */
  audioOnly: boolean
  /** Let the view move to what the teacher shows ("follow me"). */
  followTeacher: boolean
  /** On a phone or tablet: turning the device turns the view. */
  turnToLook: boolean
}

const KEY = 'atrium.view'

function load(): ViewSettings {
  const base: ViewSettings = {
    lite: false,
    largeText: false,
    audioOnly: false,
    followTeacher: true,
    turnToLook: false,
  }
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<ViewSettings>
    return {
      lite: raw.lite === true,
      largeText: raw.largeText === true,
      audioOnly: raw.audioOnly === true,
      followTeacher: raw.followTeacher !== false,
      turnToLook: raw.turnToLook === true,
    }
  } catch {
    return base
  }
}

export const settingsStore = createStore<ViewSettings>(load)

settingsStore.subscribe((s) => {
  localStorage.setItem(KEY, JSON.stringify(s))
  document.documentElement.classList.toggle('large-text', s.largeText)
})
document.documentElement.classList.toggle('large-text', settingsStore.getState().largeText)
