import { api, type CursorPage, type FeedCard } from '@/api'

export const HOME_TABS = ['recommend', 'hot', 'anime', 'knowledge', 'film', 'live', 'news'] as const
export type HomeTab = (typeof HOME_TABS)[number]

/** A page of a home tab, and whether the tab says live streaming is not there yet (直播). */
export type HomePage = CursorPage<FeedCard> & { live?: boolean }

/**
 * Where each home tab reads its videos: 推荐 the personal feed (the fresh-and-hot blend for guests), 热门 today's
 * hot list, the others their partition's feed (hot and newest in turn; the tab names are partition slugs).
 */
export function feedOf(tab: HomeTab): (cursor: string | null) => Promise<HomePage> {
  if (tab === 'recommend') return (cursor) => api.discovery.recommend(cursor)
  if (tab === 'hot') return (cursor) => api.discovery.hot(null, cursor)
  return (cursor) => api.discovery.partition(tab, cursor)
}

export function isHomeTab(value: unknown): value is HomeTab {
  return HOME_TABS.includes(value as HomeTab)
}
