/**
 * What the in-headset panel draws now, by slot: read by the debug hook, so tests check the labels
 * and states a wearer sees. Plain data, no React.
 */
import type { XrButton } from './xr-panel-layout.ts'

export const drawnPanel = new Map<XrButton | 'notice', { label: string; active: boolean }>()
