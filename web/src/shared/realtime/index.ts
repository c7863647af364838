import { api } from '@/api'
import { RealtimeConnection } from './connection'

export type { Frame } from './connection'

/** The tab's one WebSocket; the token is fetched fresh at every (re)connect. */
export const realtime = new RealtimeConnection({
  url: async () => api.realtimeUrl(await api.client.freshAccessToken().catch(() => null)),
})
