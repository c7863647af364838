import { loadPage, pagedList } from '../paging'

const SEGMENT_MS = 6 * 60 * 1000

/** The open video: details, the viewer's relation to it, danmaku, comments, related videos, the uploader. */
export function videoModule({ api }) {
  return {
    namespaced: true,
    state: () => ({
      video: null,
      relation: { liked: false, coins: 0, favorited: false },
      following: false,
      related: [],
      comments: pagedList(),
      /** Stored danmaku of the segments fetched so far, plus what arrived live or was sent here. */
      danmaku: [],
      segments: [],
    }),
    mutations: {
      open(state, video) {
        Object.assign(state, {
          video,
          relation: { liked: false, coins: 0, favorited: false },
          following: false,
          related: [],
          comments: pagedList(),
          danmaku: [],
          segments: [],
        })
      },
      setRelation: (state, relation) => (state.relation = { ...state.relation, ...relation }),
      setFollowing: (state, following) => (state.following = following),
      setRelated: (state, related) => (state.related = related),
      stats(state, change) {
        if (state.video) state.video.stats = { ...state.video.stats, ...change }
      },
      addDanmaku(state, list) {
        const known = new Set(state.danmaku.map((d) => d.id))
        state.danmaku.push(...list.filter((d) => !known.has(d.id)))
      },
      segmentLoaded: (state, segment) => state.segments.push(segment),
      addComment(state, comment) {
        if (!comment.parentId) {
          state.comments.items.unshift({ ...comment, replies: [] })
          return
        }
        const root = state.comments.items.find((c) => c.id === (comment.rootId ?? comment.parentId))
        if (root) {
          root.replies = [...(root.replies ?? []), comment]
          root.replyCount += 1
        }
      },
      setReplies(state, { id, replies }) {
        const root = state.comments.items.find((c) => c.id === id)
        if (root) root.replies = replies
      },
    },
    actions: {
      async open({ commit, dispatch, rootGetters }, bvid) {
        const video = await api.videos.get(bvid)
        commit('open', video)
        const signedIn = rootGetters['auth/signedIn']
        await Promise.all([
          signedIn ? api.interaction.relation(bvid).then((r) => commit('setRelation', r)) : null,
          api.users.profile(video.uploader.uid).then((p) => commit('setFollowing', Boolean(p.followedByMe))),
          api.feed.related(bvid).then((r) => commit('setRelated', Array.isArray(r) ? r : (r.items ?? []))),
          dispatch('loadComments', true),
          dispatch('loadDanmaku', 0),
        ])
        return video
      },
      loadComments({ state }, refresh = false) {
        return loadPage(state.comments, (cursor) => api.interaction.comments(state.video.bvid, cursor), refresh)
      },
      async loadReplies({ commit }, id) {
        const page = await api.interaction.replies(id)
        commit('setReplies', { id, replies: page.items })
      },
      /** The stored danmaku of the 6-minute segment holding `progressMs`, once per segment. */
      async loadDanmaku({ commit, state }, progressMs) {
        const segment = Math.floor(progressMs / SEGMENT_MS) + 1
        if (state.segments.includes(segment)) return
        commit('segmentLoaded', segment)
        commit('addDanmaku', await api.interaction.danmaku(state.video.bvid, segment))
      },
      /** Sends a danmaku; answers it, or null when the room's live frame already brought it (it is on screen). */
      async sendDanmaku({ commit, state }, { content, progressMs, color = '#ffffff' }) {
        const sent = await api.interaction.sendDanmaku(state.video.bvid, { progressMs, content, mode: 'scroll', color })
        const arrived = state.danmaku.some((d) => d.id === sent.id)
        commit('addDanmaku', [sent])
        return arrived ? null : sent
      },
      async toggleLike({ commit, state }) {
        const { bvid } = state.video
        const answer = await (state.relation.liked ? api.interaction.unlike(bvid) : api.interaction.like(bvid))
        commit('setRelation', { liked: answer.liked })
        commit('stats', { likes: answer.likes })
      },
      async coin({ commit, state }, count = 1) {
        const before = state.relation.coins
        const answer = await api.interaction.coin(state.video.bvid, count)
        commit('setRelation', { coins: answer.coins })
        commit('stats', { coins: state.video.stats.coins + answer.coins - before })
        return answer
      },
      /** Into the default folder, or out of every folder. */
      async toggleFavorite({ commit, state }) {
        const { bvid } = state.video
        let folderIds = []
        if (!state.relation.favorited) {
          const folders = await api.interaction.folders()
          folderIds = [(folders.find((f) => f.default) ?? folders[0]).id]
        }
        const answer = await api.interaction.favorite(bvid, folderIds)
        commit('setRelation', { favorited: answer.favorited })
        commit('stats', { favorites: state.video.stats.favorites + (answer.favorited ? 1 : -1) })
      },
      async triple({ commit, state }) {
        const { bvid } = state.video
        commit('setRelation', await api.interaction.triple(bvid))
        commit('stats', (await api.videos.get(bvid)).stats)
      },
      async share({ commit, state }) {
        const answer = await api.interaction.share(state.video.bvid)
        commit('stats', { shares: answer.shares })
      },
      async comment({ commit, state }, { content, parentId }) {
        const posted = await api.interaction.comment(state.video.bvid, content, parentId)
        commit('addComment', posted)
        commit('stats', { comments: state.video.stats.comments + 1 })
        return posted
      },
      async toggleFollow({ commit, state }) {
        const { uid } = state.video.uploader
        await (state.following ? api.users.unfollow(uid) : api.users.follow(uid))
        commit('setFollowing', !state.following)
      },
      heartbeat: ({ state }, progressMs) => api.interaction.heartbeat(state.video.bvid, Math.round(progressMs)),
    },
  }
}
