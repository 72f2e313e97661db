import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { findChromium } from './chromium.ts'
// Declares `window.atrium`, the app's debug hook the tests read.
import type {} from '../../client/app/debug-hook.ts'

/** Playwright starts every launch with a fresh profile. Flags for headless tests on a closed network: fake camera and mic, WebRTC on loopback. */
export const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
]

export interface TestBrowser {
  browser: Browser
  /** A fresh context (own storage) per person. */
  newPerson(options?: { locale?: string; touch?: boolean }): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

export async function launchBrowser(extraArgs: string[] = []): Promise<TestBrowser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('No Chromium: the e2e global setup should have installed one.')
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
  return {
    browser,
    async newPerson(options = {}) {
      const context = await browser.newContext({
        viewport: { width: 960, height: 600 },
        locale: options.locale ?? 'en-US',
        ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
      })
      const page = await context.newPage()
      page.on('pageerror', (err) => process.stderr.write(`[page error] ${err.message}\n`))
      return { context, page }
    },
    close: () => browser.close(),
  }
}
