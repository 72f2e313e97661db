/**
 * The classroom PC remembers the room link it joined with, so after a reboot (or a closed tab)
 * opening Atrium takes it straight back into the lesson without anyone typing.
 */
import { z } from 'zod'

const KEY = 'atrium.roomDevice'
const rememberedSchema = z.object({ path: z.string().startsWith('/s/'), search: z.string(), name: z.string() })
export type RememberedRoom = z.infer<typeof rememberedSchema>

export function rememberRoomDevice(name: string): void {
  const value: RememberedRoom = { path: location.pathname, search: location.search, name }
  localStorage.setItem(KEY, JSON.stringify(value))
}

export function rememberedRoomDevice(): RememberedRoom | undefined {
  try {
    const r = rememberedSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'))
    return r.success ? r.data : undefined
  } catch {
    return undefined
  }
}

export function forgetRoomDevice(): void {
  localStorage.removeItem(KEY)
}
