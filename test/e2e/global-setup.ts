/** Before the browser tests: make sure a Chromium exists and the client is built. */
import { ensureChromium } from '../helpers/chromium.ts'
import { CLIENT, ensureBuilt } from '../../server/build.ts'

export default async function setup(): Promise<void> {
  ensureChromium()
  await ensureBuilt(CLIENT, (line) => process.stderr.write(line + '\n'))
}
