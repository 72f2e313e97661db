import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { JoinResponse } from '#common/api/join.ts'
import type { Scene } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import type { Language } from '#common/scene/schema.ts'
import { isModerator } from '#common/roles.ts'
import { useSession } from '../state/use-session.ts'
import { controlStore } from '../state/control-store.ts'
import { hasWebGL } from '../world/webgl.ts'
import { ParticipantList } from '../ui/ParticipantList.tsx'
import { ConnectionStatus, MediaConnectionStatus } from '../ui/ConnectionStatus.tsx'
import { mediaActions } from './media-controller.ts'
import { mediaStore } from '../state/media-store.ts'
import { LessonTimer } from '../ui/LessonTimer.tsx'
import { BreakoutBanner } from '../ui/BreakoutBanner.tsx'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { WorldBoundary } from '../ui/WorldBoundary.tsx'
import { Tabs, type Tab } from '../ui/Tabs.tsx'
import { Toolbar } from '../ui/Toolbar.tsx'
import { ChatPanel } from '../ui/panels/ChatPanel.tsx'
import { PollsPanel } from '../ui/panels/PollsPanel.tsx'
import { ConsolePanel } from '../ui/console/ConsolePanel.tsx'
import { chatSend, consoleActions, pollActions } from './session-actions.ts'
import {
  leave,
  raiseHand,
  setDevice,
  setProjectorView,
  showEveryone,
  sitOn,
  spotlight,
  visitGroup,
} from './session-controller.ts'
import { PresentingPanel, type PresentingActions } from '../ui/console/PresentingPanel.tsx'
import { SeatPicker } from '../ui/SeatPicker.tsx'
import { sitAtSeat } from '../state/player-store.ts'
import { XrEntry } from '../xr/XrEntry.tsx'
import type { XrConsoleActions } from '../xr/XrPanel.tsx'
import { sessionStore } from '../state/session-store.ts'
import { BoardView2D } from '../boards/BoardView2D.tsx'
import { LabPanel } from '../ui/lab/LabPanel.tsx'
import { labActions } from './lab-controller.ts'
import { LiteView } from '../lite/LiteView.tsx'
import { ViewSettings } from '../ui/ViewSettings.tsx'
import { settingsStore } from '../state/settings-store.ts'

const presentingActions: PresentingActions = { showEveryone, spotlight, setProjectorView }

// three and R3F load after the join page, so a weak link shows the form first.
const World = lazy(() => import('../world/World.tsx'))

const TALKERS = new Set(['teacher', 'assistant', 'learner', 'onsite'])

export function SessionView({ join, scene }: { join: JoinResponse; scene: Scene }) {
  const { t, i18n } = useTranslation()
  const participants = useSession((s) => s.participants)
  const collab = useSession((s) => s.collab)
  const mediaStatus = useStore(mediaStore, (s) => s.status)
  const videoHeld = useStore(mediaStore, (s) => s.local.videoHeld)
  const chatCount = useStore(controlStore, (s) => s.chat.length)
  const openPolls = useStore(controlStore, (s) => s.polls.filter((p) => p.status === 'open').length)
  const webgl = useMemo(() => hasWebGL(), [])
  const liteChosen = useStore(settingsStore, (s) => s.lite)
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set())
  const polls = useMemo(() => pollActions((id) => setAnswered((s) => new Set([...s, id]))), [])
  const me = join.participant
  const moderator = isModerator(me.role)
  const talks = TALKERS.has(me.role)
  const handRaised = participants.find((p) => p.identity === me.identity)?.handRaisedAt !== undefined
  const sceneTitle = pickText(scene.title, i18n.language as Language)
  const seatLabel = (id: string) => {
    const seat = scene.seats.find((s) => s.id === id)
    return seat?.label && pickText(seat.label, i18n.language as Language)
  }
  // A 3D view that fails to start (lost context, driver trouble) falls back to the 2D lesson.
  const noWebgl = <LiteView reason="no-webgl" />

  const tabs: Tab[] = [
    {
      id: 'people',
      label: t('tabs.people'),
      badge: String(participants.length),
      content: <ParticipantList participants={participants} me={me.identity} seatLabel={seatLabel} />,
    },
    {
      id: 'chat',
      label: t('tabs.chat'),
      badge: chatCount ? String(chatCount) : undefined,
      content: <ChatPanel me={me.identity} canWrite={talks} send={chatSend} />,
    },
    {
      id: 'polls',
      label: t('tabs.polls'),
      badge: openPolls ? String(openPolls) : undefined,
      content: <PollsPanel moderator={moderator} canAnswer={talks} answered={answered} actions={polls} />,
    },
  ]
  if (moderator) {
    tabs.push({
      id: 'console',
      label: t('tabs.console'),
      content: (
        <>
          <PresentingPanel scene={scene} participants={participants} actions={presentingActions} />
          <ConsolePanel
            me={me.identity}
            participants={participants}
            seats={scene.seats.map((s) => ({ id: s.id, label: seatLabel(s.id) || s.id }))}
            actions={consoleActions}
          />
        </>
      ),
    })
  }

  const [board2d, setBoard2d] = useState(false)
  // People in the classroom say where they really sit (asked once on arrival).
  const onsite = me.role === 'onsite' && scene.seats.some((s) => s.onsite)
  const mySeat = participants.find((p) => p.identity === me.identity)?.seat
  const [seatPicker, setSeatPicker] = useState(onsite)
  const pickSeat = (seatId: string) => takeSeat(scene, seatId)
  // The teacher moved this person to a seat: go there (a newer move replaces an older one).
  useEffect(() => {
    let applied = 0
    const follow = (moves: Record<string, { seat: string; at: number }>) => {
      const move = moves[me.identity]
      if (!move || move.at <= applied) return
      applied = move.at
      takeSeat(scene, move.seat)
    }
    follow(controlStore.getState().settings.seatMoves)
    return controlStore.subscribe((s) => follow(s.settings.seatMoves))
  }, [me.identity, scene])
  const lite = liteChosen || !webgl
  // The 2D console's own actions; the lab's reset only where the scene has a lab.
  const xrConsole: XrConsoleActions | undefined = moderator
    ? { ...consoleActions, ...(scene.lab ? { resetLab: () => labActions().reset() } : {}) }
    : undefined
  const onPresenting = useCallback((on: boolean) => setDevice(on ? 'headset' : 'browser'), [])
  return (
    <div className="session">
      <header className="session-header">
        <h1>{join.session.title}</h1>
        <ConnectionStatus status={collab} />
        <MediaConnectionStatus status={mediaStatus} videoHeld={videoHeld} />
        <LessonTimer />
        <BreakoutBanner onBack={() => visitGroup(undefined)} />
        {!lite && (
          <button type="button" onClick={() => setBoard2d(true)}>
            {t('boards.open')}
          </button>
        )}
        {onsite && (
          <button type="button" onClick={() => setSeatPicker(true)}>
            {t('seats.open')}
          </button>
        )}
        {!lite && <XrEntry onPresenting={onPresenting} />}
        <ViewSettings webgl={webgl} />
        <LanguageSwitch />
      </header>
      {board2d && !lite && <BoardView2D onClose={() => setBoard2d(false)} />}
      {seatPicker && (
        <SeatPicker
          scene={scene}
          me={me.identity}
          participants={participants}
          mySeat={mySeat}
          onPick={pickSeat}
          onClose={() => setSeatPicker(false)}
        />
      )}
      <main className="world" aria-label={t('world.label', { scene: sceneTitle })}>
        {lite ? (
          <LiteView reason={webgl ? 'chosen' : 'no-webgl'} />
        ) : (
          <WorldBoundary fallback={noWebgl}>
            <Suspense fallback={<p className="world-fallback">{t('app.loading')}</p>}>
              <World
                scene={scene}
                role={me.role}
                me={me.identity}
                label={t('world.help', { scene: sceneTitle })}
                onSeat={sitOn}
                labActions={labActions()}
                xr={{ handRaised, canRaiseHand: talks && !moderator, onHand: raiseHand, console: xrConsole }}
              />
            </Suspense>
          </WorldBoundary>
        )}
      </main>
      <aside className="sidebar">
        {scene.lab && <LabPanel scene={scene} actions={labActions()} />}
        <Tabs tabs={tabs} label={t('tabs.label')} />
      </aside>
      <Toolbar
        canRaiseHand={talks && !moderator}
        handRaised={handRaised}
        onHand={raiseHand}
        media={mediaActions}
        onsite={me.role === 'onsite'}
        canReact={me.role !== 'observer' && me.role !== 'room'}
        onLeave={() => {
          leave()
          sessionStore.setState({ phase: { kind: 'left' } })
        }}
      />
    </div>
  )
}

/** Sits down on a seat of the scene and tells everyone (presence). */
function takeSeat(scene: Scene, seatId: string): void {
  const seat = scene.seats.find((s) => s.id === seatId)
  if (!seat) return
  sitAtSeat(seat)
  sitOn(seatId)
}
