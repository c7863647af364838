// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot reach its servers here).
import { chromium, selectors } from 'playwright-core'

// The web client marks what tests look for with data-test (getByTestId).
selectors.setTestIdAttribute('data-test')

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Headless, without the background networking that this machine's closed network refuses. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
