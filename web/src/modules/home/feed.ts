import { api, type Video } from '@/api'
import type { PageLoader } from '@/shared/composables/cursorList'

export const HOME_TABS = ['recommend', 'hot', 'anime', 'knowledge', 'film', 'live', 'news'] as const
export type HomeTab = (typeof HOME_TABS)[number]

/**
 * Where each home tab reads its videos. Until the discovery service (GET /api/v1/feed/…) exists, a
 * partition tab lists the newest videos of its partition (the tab names are partition slugs) and
 * 推荐/热门 list the newest videos of all.
 */
export function feedOf(tab: HomeTab): PageLoader<Video> {
  const partition = tab === 'recommend' || tab === 'hot' ? null : tab
  return (cursor) => api.videos.latest(partition, cursor)
}

export function isHomeTab(value: unknown): value is HomeTab {
  return HOME_TABS.includes(value as HomeTab)
}
