/** Joining a session through the app's own join form, as a person does, in a test page. */
import { expect } from 'vitest'
import type { Page } from 'playwright-core'

/**
 * What "joined" waits for: the session view is up (`in-session`), the 3D view has drawn frames
 * (`drawing`), or audio and video are connected (`media`).
 */
export type JoinedWhen = 'in-session' | 'drawing' | 'media'

/** Opens an invite link, types the name and presses Join. */
export async function fillJoinForm(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
}

/** Joins through the form and waits until the page is `until` (default: in the session). */
export async function joinThroughUi(
  page: Page,
  link: string,
  name: string,
  { until = 'in-session', timeout }: { until?: JoinedWhen; timeout?: number } = {},
): Promise<void> {
  await fillJoinForm(page, link, name)
  const options = timeout === undefined ? undefined : { timeout }
  if (until === 'drawing') await page.waitForFunction(() => (window.atrium?.frames ?? 0) > 3, undefined, options)
  else if (until === 'media')
    await page.waitForFunction(() => window.atrium?.media().status.kind === 'connected', undefined, options)
  else await page.waitForFunction(() => window.atrium?.state().phase === 'in-session', undefined, options)
}

/** The teacher's console (Teacher tab open) splits the learners into `count` groups and opens them. */
export async function openBreakoutGroups(teacher: Page, count: number): Promise<void> {
  await teacher.getByLabel('Number of groups').fill(String(count))
  await teacher.getByRole('button', { name: 'Make groups and share out the learners' }).click()
  await expect.poll(() => teacher.getByTestId('groups').getByRole('combobox').count()).toBe(count)
  await teacher.getByLabel('Breakouts open').check()
}
