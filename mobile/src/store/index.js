import { createStore } from 'vuex'
import { authModule } from './modules/auth'
import { feedModule } from './modules/feed'
import { meModule } from './modules/me'
import { uploadModule } from './modules/upload'
import { videoModule } from './modules/video'

/**
 * The app's Vuex store, one module per feature, over an API (./api), a token store (./api/session) and a
 * key-value storage for unfinished uploads (uni storage in the app).
 */
export function createAppStore({ api, tokens, storage = memoryStorage() }) {
  const store = createStore({
    modules: {
      auth: authModule({ api, tokens }),
      feed: feedModule({ api }),
      video: videoModule({ api }),
      me: meModule({ api }),
      upload: uploadModule({ api, storage }),
    },
  })
  tokens.onChange((pair) => {
    if (!pair && store.state.auth.user) store.dispatch('auth/sessionLost')
    if (!pair) store.commit('me/reset')
    if (!pair) store.commit('upload/reset')
  })
  return store
}

function memoryStorage() {
  const map = new Map()
  return { get: (k) => map.get(k) ?? null, set: (k, v) => map.set(k, v), remove: (k) => map.delete(k) }
}
