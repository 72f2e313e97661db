/**
 * The controls inside a headset, where the page's buttons are invisible: raise or lower the hand
 * and leave VR, and for teachers the console's quick actions (mute learners, lower hands, lock the
 * boards), as buttons floating in front of the wearer that the controller ray or a pinch
 * presses. Labels are drawn into canvas textures in the current language.
 */
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { CanvasTexture, SRGBColorSpace } from 'three'
import { useXR } from '@react-three/xr'
import { XR_BUTTONS, XR_PANEL, xrButtonCentre, type XrButton } from './xr-panel-layout.ts'

export interface XrPanelActions {
  handRaised: boolean
  canRaiseHand: boolean
  onHand(raised: boolean): void
  /** The teacher's console in the headset; absent for everyone else. */
  console?: XrConsoleActions
}

export interface XrConsoleActions {
  handsUp: number
  boardsLocked: boolean
  muteLearners(): void
  lowerAllHands(): void
  setBoardsLocked(locked: boolean): void
}

const PX_PER_M = 1400

function buttonTexture(text: string, active: boolean): CanvasTexture {
  const w = Math.round(XR_PANEL.width * PX_PER_M)
  const h = Math.round(XR_PANEL.buttonHeight * PX_PER_M)
  const canvas = document.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = active ? '#f0a202' : '#1f5f8b'
  ctx.beginPath()
  ctx.roundRect(0, 0, w, h, h / 3)
  ctx.fill()
  ctx.fillStyle = active ? '#1d232b' : '#ffffff'
  ctx.font = `bold ${Math.round(h * 0.45)}px system-ui, sans-serif`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(text, w / 2, h / 2)
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  return texture
}

function PanelButton({
  id,
  label,
  active,
  onPress,
}: {
  id: XrButton
  label: string
  active: boolean
  onPress(): void
}) {
  const texture = useMemo(() => buttonTexture(label, active), [label, active])
  useEffect(() => () => texture.dispose(), [texture])
  return (
    <mesh position={xrButtonCentre(id)} name={`xr-button-${id}`} onPointerDown={onPress}>
      <planeGeometry args={[XR_PANEL.width, XR_PANEL.buttonHeight]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  )
}

export function XrPanel({ handRaised, canRaiseHand, onHand, console: desk }: XrPanelActions) {
  const { t } = useTranslation()
  const session = useXR((s) => s.session)
  if (!session) return null
  const button = (id: XrButton): { label: string; active: boolean; onPress(): void } | undefined => {
    switch (id) {
      case 'hand':
        return canRaiseHand
          ? {
              label: handRaised ? t('toolbar.lowerHand') : t('toolbar.raiseHand'),
              active: handRaised,
              onPress: () => onHand(!handRaised),
            }
          : undefined
      case 'exit':
        return { label: t('xr.exit'), active: false, onPress: () => void session.end() }
      case 'muteAll':
        return desk && { label: t('console.muteAll'), active: false, onPress: desk.muteLearners }
      case 'lowerHands':
        return (
          desk && {
            label: t('xr.lowerHands', { count: desk.handsUp }),
            active: desk.handsUp > 0,
            onPress: desk.lowerAllHands,
          }
        )
      case 'lockBoards':
        return (
          desk && {
            label: desk.boardsLocked ? t('xr.unlockBoards') : t('xr.lockBoards'),
            active: desk.boardsLocked,
            onPress: () => desk.setBoardsLocked(!desk.boardsLocked),
          }
        )
    }
  }
  return (
    <group>
      {XR_BUTTONS.map((id) => {
        const b = button(id)
        return b && <PanelButton key={id} id={id} label={b.label} active={b.active} onPress={b.onPress} />
      })}
    </group>
  )
}
