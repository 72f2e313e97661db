import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { AnswerPollRequest, CreatePollRequest } from '#common/api/polls.ts'
import { controlStore } from '../../state/control-store.ts'
import { PollCard } from './PollCard.tsx'
import { PollComposer } from './PollComposer.tsx'

export interface PollActions {
  answer(pollId: string, req: AnswerPollRequest): Promise<void>
  create(poll: CreatePollRequest): Promise<void>
  close(pollId: string): Promise<void>
  reveal(pollId: string): Promise<void>
}

interface Props {
  moderator: boolean
  canAnswer: boolean
  answered: ReadonlySet<string>
  actions: PollActions
}

export function PollsPanel({ moderator, canAnswer, answered, actions }: Props) {
  const { t } = useTranslation()
  const polls = useStore(controlStore, (s) => s.polls)
  const live = useStore(controlStore, (s) => s.livePolls)
  return (
    <section className="polls" aria-label={t('polls.title')}>
      {moderator && <PollComposer create={actions.create} />}
      {polls.length === 0 && <p className="empty">{t('polls.none')}</p>}
      {[...polls].reverse().map((p) => (
        <PollCard
          key={p.id}
          poll={p}
          live={moderator ? live[p.id] : undefined}
          canAnswer={canAnswer}
          answered={answered.has(p.id)}
          answer={(req) => actions.answer(p.id, req)}
          moderate={moderator ? { close: () => actions.close(p.id), reveal: () => actions.reveal(p.id) } : undefined}
        />
      ))}
    </section>
  )
}
