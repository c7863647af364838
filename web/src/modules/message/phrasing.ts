import type { RouteLocationRaw } from 'vue-router'
import type { NotificationEntry, UserCard } from '@/api'

/** How many names an entry spells out before "等 N 人", as Bilibili writes 「A、B 等 128 人赞了你的视频」. */
export const NAMED = 2

/** The actors an entry names, and how many people it stands for when that is more (0 otherwise). */
export function actorsOf(entry: NotificationEntry): { named: UserCard[]; total: number } {
  const named = entry.actors.slice(0, NAMED)
  return { named, total: entry.actorCount > named.length ? entry.actorCount : 0 }
}

/** Where an entry leads: the comment in its thread, the video, or the new follower's space. */
export function linkOf(entry: NotificationEntry): RouteLocationRaw | null {
  const target = entry.target
  if (target?.bvid && target.type === 'comment' && target.rootId) {
    const query: Record<string, string> = { comment: target.rootId }
    if (target.commentId && target.commentId !== target.rootId) query.reply = target.commentId
    return { path: `/video/${target.bvid}`, query }
  }
  if (target?.bvid) return { path: `/video/${target.bvid}` }
  const actor = entry.actors[0]
  return entry.kind === 'follow' && actor ? { path: `/space/${actor.uid}` } : null
}
