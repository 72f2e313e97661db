// Worker threads do not inherit the tsx loader on Node 20: register it here, then run the worker.
import { register } from 'tsx/esm/api'

register()
await import('./ink-load-worker.ts')
