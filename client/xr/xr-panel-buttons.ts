/**
 * What each slot of the in-headset panel shows and does, from the room's state: pure, so the
 * labels and states are tested without a headset. The teacher's actions are the 2D console's own
 * (ConsoleActions, the lab's reset); the server checks each one's permission as it does there.
 */
import type { TFunction } from 'i18next'
import type { ConsoleActions } from '../ui/console/ConsolePanel.tsx'
import type { XrButton } from './xr-panel-layout.ts'

/** How long a lesson timer started from the headset runs (the 2D console sets any length). */
export const XR_TIMER_MINUTES = 5

export type XrConsoleActions = Pick<
  ConsoleActions,
  'muteLearners' | 'lowerHands' | 'setLock' | 'startTimer' | 'stopTimer' | 'setSpeaking'
> & {
  /** Resets the lab for everyone; absent when the scene has no lab. */
  resetLab?: () => void
}

export interface XrPanelActions {
  handRaised: boolean
  canRaiseHand: boolean
  onHand(raised: boolean): void
  /** The teacher's console in the headset; absent for everyone else. */
  console?: XrConsoleActions
}

/** The room as the teacher's buttons show it. */
export interface XrDeskState {
  /** Raised hands, earliest first. */
  hands: readonly { identity: string; name: string }[]
  locks: { boards: boolean; lab: boolean }
  timerRunning: boolean
  /** Who the teacher last allowed (true) or stopped (false) speaking; absent: allowed by default. */
  maySpeak: Readonly<Record<string, boolean>>
  /** The reset was pressed once and waits for its confirmation. */
  resetArmed: boolean
}

export interface PanelButtonSpec {
  label: string
  /** Drawn highlighted: the thing is on (locked, running, may speak, armed). */
  active: boolean
  /** Drawn in the warning colour: it destroys work. */
  danger?: boolean
  /** Runs the action; a promise that rejects is shown as the panel's notice. */
  onPress(): unknown
}

export interface PanelCallbacks {
  exitXr(): void
  armReset(armed: boolean): void
}

/** The spec of every slot; `undefined` leaves it empty. */
export function panelButtons(
  t: TFunction,
  actions: XrPanelActions,
  desk: XrDeskState,
  on: PanelCallbacks,
): Record<XrButton, PanelButtonSpec | undefined> {
  const c = actions.console
  const first = desk.hands[0]
  const firstMaySpeak = first !== undefined && desk.maySpeak[first.identity] !== false
  return {
    hand: actions.canRaiseHand
      ? {
          label: actions.handRaised ? t('toolbar.lowerHand') : t('toolbar.raiseHand'),
          active: actions.handRaised,
          onPress: () => actions.onHand(!actions.handRaised),
        }
      : undefined,
    exit: { label: t('xr.exit'), active: false, onPress: on.exitXr },
    muteAll: c && { label: t('console.muteAll'), active: false, onPress: c.muteLearners },
    lowerHands: c && {
      label: t('xr.lowerHands', { count: desk.hands.length }),
      active: desk.hands.length > 0,
      onPress: () => c.lowerHands(desk.hands.map((h) => h.identity)),
    },
    // The earliest raised hand: stop them speaking, or let them speak again.
    speak:
      c &&
      (first
        ? {
            label: firstMaySpeak ? t('xr.stopSpeaking', { name: first.name }) : t('xr.letSpeak', { name: first.name }),
            active: firstMaySpeak,
            onPress: () => c.setSpeaking(first.identity, !firstMaySpeak),
          }
        : { label: t('xr.noHands'), active: false, onPress: () => undefined }),
    timer: c && {
      label: desk.timerRunning ? t('console.stopTimer') : t('xr.startTimer', { minutes: XR_TIMER_MINUTES }),
      active: desk.timerRunning,
      onPress: () => (desk.timerRunning ? c.stopTimer() : c.startTimer(XR_TIMER_MINUTES)),
    },
    lockBoards: c && {
      label: desk.locks.boards ? t('xr.unlockBoards') : t('xr.lockBoards'),
      active: desk.locks.boards,
      onPress: () => c.setLock('boards', !desk.locks.boards),
    },
    lockLab: c?.resetLab && {
      label: desk.locks.lab ? t('xr.unlockLab') : t('xr.lockLab'),
      active: desk.locks.lab,
      onPress: () => c.setLock('lab', !desk.locks.lab),
    },
    // Resetting throws away the lab's work in progress, so it takes a second, separate button.
    resetLab: c?.resetLab && {
      label: desk.resetArmed ? t('console.cancel') : t('xr.resetLab'),
      active: desk.resetArmed,
      onPress: () => on.armReset(!desk.resetArmed),
    },
    confirmReset:
      c?.resetLab && desk.resetArmed
        ? {
            label: t('xr.confirmReset'),
            active: true,
            danger: true,
            onPress: () => {
              on.armReset(false)
              c.resetLab!()
            },
          }
        : undefined,
  }
}
