/**
 * The controls inside a headset, where the page's buttons are invisible: raise or lower the hand
 * and leave VR, and for teachers the room's console (xr-panel-buttons.ts), as buttons floating in
 * front of the wearer that the controller ray or a pinch presses. Labels are drawn into canvas
 * textures in the current language; a texture is redrawn only when its label or state changes.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { CanvasTexture, SRGBColorSpace } from 'three'
import { useXR } from '@react-three/xr'
import { controlStore } from '../state/control-store.ts'
import { useSession } from '../state/use-session.ts'
import { raisedHands } from '../state/participants.ts'
import { consoleFailureText } from '../ui/error-text.ts'
import { XR_BUTTONS, XR_PANEL, xrButtonCentre, xrNoticeCentre, type XrButton } from './xr-panel-layout.ts'
import { panelButtons, type XrDeskState, type XrPanelActions } from './xr-panel-buttons.ts'
import { drawnPanel } from './xr-panel-registry.ts'

export type { XrConsoleActions, XrPanelActions } from './xr-panel-buttons.ts'

const PX_PER_M = 1400
/** An armed reset disarms itself: a later stray pull of the trigger must not find it armed. */
const RESET_ARMED_MS = 6000
const NOTICE_MS = 5000

const COLOURS = {
  idle: ['#1f5f8b', '#ffffff'],
  active: ['#f0a202', '#1d232b'],
  danger: ['#b91c1c', '#ffffff'],
  notice: ['#1d232b', '#ffffff'],
} as const

/** A rounded label, its text shrunk until it fits the width. */
function labelTexture(text: string, colours: readonly [string, string], widthM: number): CanvasTexture {
  const w = Math.round(widthM * PX_PER_M)
  const h = Math.round(XR_PANEL.buttonHeight * PX_PER_M)
  const canvas = document.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = colours[0]
  ctx.beginPath()
  ctx.roundRect(0, 0, w, h, h / 3)
  ctx.fill()
  ctx.fillStyle = colours[1]
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  let size = Math.round(h * 0.42)
  do {
    ctx.font = `bold ${size}px system-ui, sans-serif`
    size -= 2
  } while (size > 12 && ctx.measureText(text).width > w * 0.92)
  ctx.fillText(text, w / 2, h / 2)
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  return texture
}

function PanelButton({
  id,
  label,
  active,
  danger,
  onPress,
}: {
  id: XrButton
  label: string
  active: boolean
  danger: boolean
  onPress(): void
}) {
  const colours = danger ? COLOURS.danger : active ? COLOURS.active : COLOURS.idle
  const texture = useMemo(() => labelTexture(label, colours, XR_PANEL.buttonWidth), [label, colours])
  useEffect(() => () => texture.dispose(), [texture])
  useEffect(() => {
    drawnPanel.set(id, { label, active })
    return () => void drawnPanel.delete(id)
  }, [id, label, active])
  return (
    <mesh position={xrButtonCentre(id)} name={`xr-button-${id}`} onPointerDown={onPress}>
      <planeGeometry args={[XR_PANEL.buttonWidth, XR_PANEL.buttonHeight]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  )
}

function PanelNotice({ text }: { text: string }) {
  const width = XR_PANEL.buttonWidth * XR_PANEL.columns + XR_PANEL.gap
  const texture = useMemo(() => labelTexture(text, COLOURS.notice, width), [text, width])
  useEffect(() => () => texture.dispose(), [texture])
  useEffect(() => {
    drawnPanel.set('notice', { label: text, active: false })
    return () => void drawnPanel.delete('notice')
  }, [text])
  return (
    <mesh position={xrNoticeCentre()}>
      <planeGeometry args={[width, XR_PANEL.buttonHeight]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  )
}

/** The room as the teacher's buttons show it, from the control document and presence. */
function useDesk(resetArmed: boolean): XrDeskState {
  const participants = useSession((s) => s.participants)
  const locks = useStore(controlStore, (s) => s.locks)
  const timerRunning = useStore(controlStore, (s) => s.settings.timer !== undefined)
  const maySpeak = useStore(controlStore, (s) => s.settings.maySpeak)
  const hands = useMemo(() => raisedHands(participants), [participants])
  return { hands, locks, timerRunning, maySpeak, resetArmed }
}

export function XrPanel(actions: XrPanelActions) {
  const { t } = useTranslation()
  const session = useXR((s) => s.session)
  const [resetArmed, armReset] = useState(false)
  const [notice, setNotice] = useState<string | undefined>()
  const desk = useDesk(resetArmed)
  useEffect(() => {
    if (!resetArmed) return
    const id = setTimeout(() => armReset(false), RESET_ARMED_MS)
    return () => clearTimeout(id)
  }, [resetArmed])
  useEffect(() => {
    if (!notice) return
    const id = setTimeout(() => setNotice(undefined), NOTICE_MS)
    return () => clearTimeout(id)
  }, [notice])
  const exitXr = useCallback(() => void session?.end(), [session])
  if (!session) return null
  const buttons = panelButtons(t, actions, desk, { exitXr, armReset })
  const press = (run: () => unknown) => () => {
    setNotice(undefined)
    try {
      const result = run()
      if (result instanceof Promise) result.catch((err: unknown) => setNotice(consoleFailureText(t, err)))
    } catch (err) {
      setNotice(consoleFailureText(t, err))
    }
  }
  return (
    <group>
      {XR_BUTTONS.map((id) => {
        const b = buttons[id]
        return (
          b && (
            <PanelButton
              key={id}
              id={id}
              label={b.label}
              active={b.active}
              danger={b.danger ?? false}
              onPress={press(b.onPress)}
            />
          )
        )
      })}
      {notice && <PanelNotice text={notice} />}
    </group>
  )
}
