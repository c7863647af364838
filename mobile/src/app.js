/** The app's single API client and store, wired to uni's request and storage. */
import { createClient } from './api/client'
import { createApi } from './api'
import { createTokenStore, uniStorage, uniTransport, uniUploadTransport } from './api/session'
import { API_BASE, METHOD_OVERRIDE, mediaOrigin } from './config'
import { createAppStore } from './store'

export const tokens = createTokenStore(uniStorage())

export const api = createApi(
  createClient({
    baseUrl: API_BASE,
    transport: uniTransport,
    uploadTransport: uniUploadTransport,
    tokens,
    methodOverride: METHOD_OVERRIDE,
    mediaOrigin: mediaOrigin(),
  }),
)

export const store = createAppStore({ api, tokens, storage: uniStorage() })
