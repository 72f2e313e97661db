import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initI18n } from './i18n/i18n.ts'
import { App } from './app/App.tsx'
import { openSession } from './app/session-controller.ts'
import { installDebugHook } from './app/debug-hook.ts'
import { sessionStore } from './state/session-store.ts'
import './ui/styles.css'
import './ui/panels.css'

initI18n()
installDebugHook()

const match = /^\/s\/([^/]+)\/?$/.exec(location.pathname)
if (match) {
  void openSession(decodeURIComponent(match[1]!), new URLSearchParams(location.search).get('invite') ?? undefined)
} else {
  sessionStore.setState({ phase: { kind: 'home' } })
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
