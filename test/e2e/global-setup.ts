/** Before the browser tests: make sure a Chromium exists and the client is built. */
import path from 'node:path'
import { ensureChromium } from '../helpers/chromium.ts'
import { ensureClientBuilt } from '../../server/client-build.ts'

export default async function setup(): Promise<void> {
  ensureChromium()
  await ensureClientBuilt(path.resolve(import.meta.dirname, '../../dist/client'), (line) =>
    process.stderr.write(line + '\n'),
  )
}
