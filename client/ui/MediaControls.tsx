/**
 * Microphone, camera, screen share, devices and reactions in the toolbar. The microphone obeys the
 * server's grants (a learner not yet allowed to speak sees why); on-site learners confirm before
 * their microphone goes on, because the room microphone already hears them.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { MediaActions } from '../app/media-controller.ts'
import { mediaStore } from '../state/media-store.ts'
import { REACTIONS, type Reaction } from '../state/reactions-store.ts'

interface Props {
  actions: MediaActions
  /** On-site learners: warn about echo before the microphone goes on. */
  onsite: boolean
  /** Whether this role may send reactions. */
  canReact: boolean
  onReact(emoji: Reaction): void
}

export function MediaControls({ actions, onsite, canReact, onReact }: Props) {
  const { t } = useTranslation()
  const local = useStore(mediaStore, (s) => s.local)
  const connected = useStore(mediaStore, (s) => s.status.kind === 'connected')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const run = (p: Promise<unknown>) => {
    setBusy(true)
    void p.catch(() => {}).finally(() => setBusy(false))
  }
  const toggleMic = () => {
    if (!local.mic && onsite) setConfirming(true)
    else run(actions.setMic(!local.mic))
  }
  const screenPossible = typeof navigator.mediaDevices?.getDisplayMedia === 'function'
  return (
    <>
      <button
        type="button"
        aria-pressed={local.mic}
        disabled={!connected || busy || (!local.canMic && !local.mic)}
        title={!local.canMic ? t('media.micNotAllowedHint') : undefined}
        className={local.mic ? 'active' : undefined}
        onClick={toggleMic}
        data-testid="mic"
      >
        {!local.canMic && !local.mic ? t('media.micNotAllowed') : local.mic ? t('media.micOn') : t('media.micOff')}
      </button>
      {local.canCamera && (
        <button
          type="button"
          aria-pressed={local.camera}
          disabled={!connected || busy}
          className={local.camera ? 'active' : undefined}
          onClick={() => run(actions.setCamera(!local.camera))}
          data-testid="camera"
        >
          {local.camera ? t('media.cameraOn') : t('media.cameraOff')}
        </button>
      )}
      {local.canScreen && screenPossible && (
        <button
          type="button"
          aria-pressed={local.screen}
          disabled={!connected || busy}
          className={local.screen ? 'active' : undefined}
          onClick={() => run(actions.setScreen(!local.screen))}
        >
          {local.screen ? t('media.screenOn') : t('media.screenOff')}
        </button>
      )}
      <DevicePicker actions={actions} onsite={onsite} />
      {canReact && (
        <span role="group" aria-label={t('media.reactions')} className="reactions">
          {REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              disabled={!connected}
              aria-label={t('media.react', { emoji })}
              onClick={() => onReact(emoji)}
            >
              {emoji}
            </button>
          ))}
        </span>
      )}
      {confirming && (
        <EchoConfirm
          onAnswer={(on) => {
            setConfirming(false)
            if (on) run(actions.setMic(true))
          }}
        />
      )}
    </>
  )
}

function EchoConfirm({ onAnswer }: { onAnswer(on: boolean): void }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      className="echo-confirm"
      aria-labelledby="echo-title"
      aria-describedby="echo-body"
      onCancel={() => onAnswer(false)}
    >
      <h2 id="echo-title">{t('media.echoTitle')}</h2>
      <p id="echo-body">{t('media.echoBody')}</p>
      <div className="dialog-buttons">
        {/* The safe answer has the focus: Enter or Escape keeps the microphone off. */}
        <button type="button" autoFocus onClick={() => onAnswer(false)}>
          {t('media.echoCancel')}
        </button>
        <button type="button" className="danger" onClick={() => onAnswer(true)}>
          {t('media.echoConfirm')}
        </button>
      </div>
    </dialog>
  )
}

const KINDS = [
  ['audioinput', 'media.microphone'],
  ['videoinput', 'media.camera'],
  ['audiooutput', 'media.speaker'],
] as const

function DevicePicker({ actions, onsite }: { actions: MediaActions; onsite: boolean }) {
  const { t } = useTranslation()
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([])
  const playAudio = useStore(mediaStore, (s) => s.playAudio)
  return (
    <details
      className="device-picker"
      onToggle={(e) => {
        if (e.currentTarget.open) void actions.devices().then(setDevices)
      }}
    >
      <summary>{t('media.devices')}</summary>
      <div className="device-picker-body">
        {KINDS.map(([kind, label]) => {
          const list = devices.filter((d) => d.kind === kind)
          if (list.length === 0) return null
          return (
            <label key={kind}>
              {t(label)}
              <select
                defaultValue={actions.activeDevice(kind) ?? list[0]?.deviceId}
                onChange={(e) => void actions.useDevice(kind, e.currentTarget.value).catch(() => {})}
              >
                {list.map((d, i) => (
                  <option key={d.deviceId || i} value={d.deviceId}>
                    {d.label || `${t(label)} ${i + 1}`}
                  </option>
                ))}
              </select>
            </label>
          )
        })}
        {onsite && (
          <label>
            <input
              type="checkbox"
              checked={playAudio}
              onChange={(e) => actions.setPlayAudio(e.currentTarget.checked)}
            />
            {t('media.playAudio')}
          </label>
        )}
      </div>
    </details>
  )
}
