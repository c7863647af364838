import { loadPage, pagedList } from '../paging'

/** 首页's tabs: two discovery feeds, partition feeds and 直播. */
export const HOME_TABS = [
  { key: 'recommend', name: '推荐' },
  { key: 'hot', name: '热门' },
  { key: 'anime', name: '动漫' },
  { key: 'knowledge', name: '知识' },
  { key: 'film', name: '影视' },
  { key: 'live', name: '直播' },
  { key: 'news', name: '新闻' },
]

/** The fetcher of a list key: `home:<tab>`, `channel:<name>`, `partition:<slug>:hot|new`. */
function source(api, key) {
  const [kind, name, sort] = key.split(':')
  if (kind === 'home') {
    if (name === 'recommend') return (cursor) => api.feed.recommend(cursor)
    if (name === 'hot') return (cursor) => api.feed.hot(null, cursor)
    return (cursor) => api.feed.partition(name, cursor)
  }
  if (kind === 'channel') return (cursor) => api.feed.channelVideos(name, cursor)
  if (kind === 'partition') {
    return sort === 'new' ? (cursor) => api.videos.latest(name, cursor) : (cursor) => api.feed.hot(name, cursor)
  }
  throw new Error(`unknown list ${key}`)
}

/** Video lists (home tabs, a channel's, a partition's), channels and the partition tree. */
export function feedModule({ api }) {
  return {
    namespaced: true,
    state: () => ({ lists: {}, channels: [], partitions: [], channel: null }),
    getters: {
      list: (state) => (key) => state.lists[key] ?? pagedList(),
    },
    mutations: {
      ensure(state, key) {
        if (!state.lists[key]) state.lists[key] = pagedList()
      },
      setChannels: (state, channels) => (state.channels = channels),
      setPartitions: (state, partitions) => (state.partitions = partitions),
      setChannel: (state, channel) => (state.channel = channel),
    },
    actions: {
      /** The first page again (pull-to-refresh, or a list's first visit). */
      refresh({ commit, state }, key) {
        commit('ensure', key)
        return loadPage(state.lists[key], source(api, key), true)
      },
      /** The next page (scrolled to the end). */
      loadMore({ commit, state }, key) {
        commit('ensure', key)
        return loadPage(state.lists[key], source(api, key))
      },
      async loadChannels({ commit }) {
        commit('setChannels', await api.feed.channels())
      },
      async loadPartitions({ commit }) {
        commit('setPartitions', await api.videos.partitions())
      },
      async openChannel({ commit }, name) {
        commit('setChannel', await api.feed.channel(name))
      },
      async toggleSubscription({ commit, state }) {
        const { name, subscribed } = state.channel
        commit('setChannel', await (subscribed ? api.feed.unsubscribe(name) : api.feed.subscribe(name)))
      },
    },
  }
}
