import { loadPage, pagedList } from '../paging'

const AVATAR_MAX_BYTES = 5 * 1024 * 1024
/** States a video leaves on its own: 投稿 follows them until it is published, rejected or failed. */
export const UNFINISHED = ['UPLOADING', 'PROCESSING', 'REVIEW']

/** 我的: the profile with its counts, and the lists behind 主页 · 动态 · 投稿 · 收藏 · 历史记录. */
export function meModule({ api }) {
  return {
    namespaced: true,
    state: () => ({
      profile: null,
      history: pagedList(),
      uploads: pagedList(),
      dynamics: pagedList(),
      folders: [],
      folderVideos: {},
    }),
    mutations: {
      setProfile: (state, profile) => (state.profile = profile),
      setFolders: (state, folders) => (state.folders = folders),
      updateUpload(state, video) {
        state.uploads.items = state.uploads.items.map((item) => (item.bvid === video.bvid ? { ...item, ...video } : item))
      },
      setFolderVideos: (state, { id, items }) => (state.folderVideos = { ...state.folderVideos, [id]: items }),
      reset(state) {
        Object.assign(state, {
          profile: null,
          history: pagedList(),
          uploads: pagedList(),
          dynamics: pagedList(),
          folders: [],
          folderVideos: {},
        })
      },
    },
    actions: {
      async loadProfile({ commit }) {
        commit('setProfile', await api.users.me())
      },
      async updateNickname({ commit, state }, nickname) {
        const updated = await api.users.updateMe({ nickname })
        commit('setProfile', { ...state.profile, ...updated })
        commit('auth/setUser', { ...updated, uid: updated.uid ?? state.profile?.uid }, { root: true })
      },
      /** Uploads the picked image (`{path, size}`), then makes it the avatar. */
      async changeAvatar({ commit, state }, image) {
        if (!image?.path) throw new Error('请选择一张图片')
        if (image.size > AVATAR_MAX_BYTES) throw new Error('头像图片不能超过 5 MB')
        const { avatarKey } = await api.users.uploadAvatar(image.path)
        const updated = await api.users.updateMe({ avatarKey })
        commit('setProfile', { ...state.profile, ...updated })
        commit('auth/setUser', { ...updated, uid: updated.uid ?? state.profile?.uid }, { root: true })
      },
      /** Reads again each upload still on its way (state, processing percent, cover); true while any is. */
      async refreshUnfinished({ commit, state }) {
        const unfinished = state.uploads.items.filter((item) => UNFINISHED.includes(item.state))
        const videos = await Promise.all(unfinished.map((item) => api.videos.get(item.bvid).catch(() => null)))
        for (const video of videos.filter(Boolean)) {
          const { bvid, state: videoState, stateReason, progress, coverUrl, durationMs } = video
          commit('updateUpload', { bvid, state: videoState, stateReason, progress, coverUrl, durationMs })
        }
        return state.uploads.items.some((item) => UNFINISHED.includes(item.state))
      },
      loadHistory: ({ state }, refresh = false) => loadPage(state.history, (c) => api.interaction.history(c), refresh),
      loadUploads: ({ state, rootGetters }, refresh = false) =>
        loadPage(state.uploads, (c) => api.users.videos(rootGetters['auth/uid'], c), refresh),
      loadDynamics: ({ state }, refresh = false) => loadPage(state.dynamics, (c) => api.dynamics.feed(c), refresh),
      async loadFolders({ commit }) {
        commit('setFolders', await api.interaction.folders())
      },
      async loadFolderVideos({ commit }, id) {
        commit('setFolderVideos', { id, items: (await api.interaction.folderVideos(id)).items })
      },
    },
  }
}
