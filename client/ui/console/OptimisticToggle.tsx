import { useState } from 'react'

interface Props {
  label: string
  /** The state the server (the control document) reports. */
  checked: boolean
  /** Applies the change; the shown state follows at once and settles on what the server says. */
  onToggle(next: boolean): Promise<void> | void
  onError(): void
}

/** A checkbox that shows the change immediately while the server catches up. */
export function OptimisticToggle({ label, checked, onToggle, onError }: Props) {
  const [pending, setPending] = useState<boolean | undefined>()
  const shown = pending ?? checked
  return (
    <label>
      <input
        type="checkbox"
        checked={shown}
        onChange={() => {
          const next = !shown
          setPending(next)
          Promise.resolve(onToggle(next))
            .catch(onError)
            .finally(() => setTimeout(() => setPending(undefined), 1500))
        }}
      />
      {label}
    </label>
  )
}
