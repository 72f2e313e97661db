import { describe, expect, it } from 'vitest'
import i18next, { type TFunction } from 'i18next'
import { en } from '../../../client/i18n/en.ts'
import { zhCN } from '../../../client/i18n/zh-CN.ts'
import {
  panelButtons,
  XR_TIMER_MINUTES,
  type XrConsoleActions,
  type XrDeskState,
} from '../../../client/xr/xr-panel-buttons.ts'
import { XR_BUTTONS, XR_PANEL, xrButtonCentre, xrNoticeCentre } from '../../../client/xr/xr-panel-layout.ts'

async function translator(lng: 'en' | 'zh-CN'): Promise<TFunction> {
  const i = i18next.createInstance()
  await i.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
  return i.t
}

/** A console that writes down what was called. */
function recordingConsole(lab = true): { calls: string[]; actions: XrConsoleActions } {
  const calls: string[] = []
  const log =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`)
      return Promise.resolve()
    }
  return {
    calls,
    actions: {
      muteLearners: log('muteLearners'),
      lowerHands: log('lowerHands'),
      setLock: log('setLock'),
      startTimer: log('startTimer'),
      stopTimer: log('stopTimer'),
      setSpeaking: log('setSpeaking'),
      ...(lab ? { resetLab: log('resetLab') } : {}),
    },
  }
}

const desk = (over: Partial<XrDeskState> = {}): XrDeskState => ({
  hands: [],
  locks: { boards: false, lab: false },
  timerRunning: false,
  maySpeak: {},
  resetArmed: false,
  ...over,
})
const hand = { handRaised: false, canRaiseHand: false, onHand: () => {} }
const noop = { exitXr: () => {}, armReset: () => {} }

describe('the in-headset panel', () => {
  it("shows a learner only the hand and leave buttons, and no teacher's console", async () => {
    const t = await translator('en')
    const b = panelButtons(t, { ...hand, canRaiseHand: true }, desk(), noop)
    const shown = XR_BUTTONS.filter((id) => b[id])
    expect(shown).toEqual(['hand', 'exit'])
    expect(b.hand!.label).toBe('Raise hand')
  })

  it('gives the earliest raised hand the floor or takes it, as the control document says', async () => {
    const t = await translator('en')
    const { calls, actions } = recordingConsole()
    const hands = [
      { identity: 'p_ann', name: 'Ann' },
      { identity: 'p_bo', name: 'Bo' },
    ]
    const allowed = panelButtons(t, { ...hand, console: actions }, desk({ hands }), noop)
    expect(allowed.speak).toMatchObject({ label: 'Stop Ann speaking', active: true })
    void allowed.speak!.onPress()
    const stopped = panelButtons(t, { ...hand, console: actions }, desk({ hands, maySpeak: { p_ann: false } }), noop)
    expect(stopped.speak).toMatchObject({ label: 'Let Ann speak', active: false })
    void stopped.speak!.onPress()
    void stopped.lowerHands!.onPress()
    expect(calls).toEqual(['setSpeaking("p_ann",false)', 'setSpeaking("p_ann",true)', 'lowerHands(["p_ann","p_bo"])'])
    expect(panelButtons(t, { ...hand, console: actions }, desk(), noop).speak!.label).toBe('No hands raised')
  })

  it('shows locks and the timer as on, and each press does the opposite', async () => {
    const t = await translator('en')
    const { calls, actions } = recordingConsole()
    const on = panelButtons(
      t,
      { ...hand, console: actions },
      desk({ locks: { boards: true, lab: true }, timerRunning: true }),
      noop,
    )
    expect([on.lockBoards, on.lockLab, on.timer].map((b) => [b!.label, b!.active])).toEqual([
      ['Unlock the boards', true],
      ['Unlock the lab', true],
      ['Stop the timer', true],
    ])
    for (const b of [on.lockBoards, on.lockLab, on.timer]) void b!.onPress()
    const off = panelButtons(t, { ...hand, console: actions }, desk(), noop)
    expect(off.timer).toMatchObject({ label: 'Start a 5-minute timer', active: false })
    void off.timer!.onPress()
    expect(calls).toEqual([
      'setLock("boards",false)',
      'setLock("lab",false)',
      'stopTimer()',
      `startTimer(${XR_TIMER_MINUTES})`,
    ])
  })

  it('resets the lab only from a second, separate button, and has no lab buttons without a lab', async () => {
    const t = await translator('en')
    const { calls, actions } = recordingConsole()
    const armed: boolean[] = []
    const on = { exitXr: () => {}, armReset: (a: boolean) => void armed.push(a) }
    const first = panelButtons(t, { ...hand, console: actions }, desk(), on)
    expect(first.confirmReset).toBeUndefined()
    void first.resetLab!.onPress()
    expect(armed).toEqual([true])
    expect(calls).toEqual([])
    const second = panelButtons(t, { ...hand, console: actions }, desk({ resetArmed: true }), on)
    expect(second.resetLab!.label).toBe('Cancel')
    expect(second.confirmReset).toMatchObject({ label: 'Yes, reset the lab', danger: true })
    void second.confirmReset!.onPress()
    expect(calls).toEqual(['resetLab()'])
    expect(armed).toEqual([true, false])

    const noLab = panelButtons(t, { ...hand, console: recordingConsole(false).actions }, desk(), on)
    expect([noLab.lockLab, noLab.resetLab, noLab.confirmReset]).toEqual([undefined, undefined, undefined])
  })

  it('speaks Chinese', async () => {
    const t = await translator('zh-CN')
    const b = panelButtons(
      t,
      { ...hand, console: recordingConsole().actions },
      desk({ hands: [{ identity: 'p_w', name: '王芳' }] }),
      noop,
    )
    expect([b.speak!.label, b.lockLab!.label, b.timer!.label, b.resetLab!.label]).toEqual([
      '停止王芳发言',
      '锁定实验',
      '开始 5 分钟计时',
      '重置实验…',
    ])
  })

  it('lays the buttons out in a grid without overlaps, the notice below them', () => {
    const centres = XR_BUTTONS.map(xrButtonCentre)
    for (let i = 0; i < centres.length; i++) {
      for (let j = i + 1; j < centres.length; j++) {
        const [a, b] = [centres[i]!, centres[j]!]
        const apart =
          Math.abs(a[0] - b[0]) >= XR_PANEL.buttonWidth + XR_PANEL.gap - 1e-9 ||
          Math.abs(a[1] - b[1]) >= XR_PANEL.buttonHeight + XR_PANEL.gap - 1e-9
        expect(apart, `${XR_BUTTONS[i]} and ${XR_BUTTONS[j]}`).toBe(true)
      }
    }
    expect(xrNoticeCentre()[1]).toBeLessThan(Math.min(...centres.map((c) => c[1])))
  })
})
