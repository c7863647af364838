import type { NotificationType, UnreadCounts } from '@/api'

/** The message centre's tabs: one per notification type, and 我的消息 (private messages). */
export const TABS = ['reply', 'at', 'like', 'follow', 'system', 'whisper'] as const
export type Tab = (typeof TABS)[number]

export function isTab(value: unknown): value is Tab {
  return typeof value === 'string' && (TABS as readonly string[]).includes(value)
}

/** The notification type a tab lists, or null for 我的消息. */
export function typeOf(tab: Tab): NotificationType | null {
  return tab === 'whisper' ? null : tab
}

export function unreadOf(unread: UnreadCounts, tab: Tab): number {
  return tab === 'whisper' ? unread.message : unread[tab]
}
