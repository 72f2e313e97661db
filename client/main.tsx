import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initI18n } from './i18n/i18n.ts'
import { App } from './app/App.tsx'
import { openSession, resumeRoomDevice } from './app/session-controller.ts'
import { rememberedRoomDevice } from './app/room-device.ts'
import { installDebugHook } from './app/debug-hook.ts'
import { sessionStore } from './state/session-store.ts'
import './ui/styles.css'
import './ui/panels.css'

initI18n()
installDebugHook()

const match = /^\/s\/([^/]+)\/?$/.exec(location.pathname)
const room = rememberedRoomDevice()
if (match) {
  const id = decodeURIComponent(match[1]!)
  const invite = new URLSearchParams(location.search).get('invite') ?? undefined
  // The classroom PC joins by itself when it opens the link it joined with before.
  if (room && invite && room.path === location.pathname && room.search === location.search) {
    void resumeRoomDevice(id, invite, room.name)
  } else {
    void openSession(id, invite)
  }
} else if (room) {
  location.replace(room.path + room.search)
} else {
  sessionStore.setState({ phase: { kind: 'home' } })
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
