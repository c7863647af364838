import type { HistoryEntry } from '@/api'

export type Day = 'today' | 'yesterday' | 'earlier'

/** Groups watch history as Bilibili does: 今天, 昨天, 更早, in the viewer's own calendar. */
export function groupByDay(entries: HistoryEntry[], now = new Date()): { day: Day; entries: HistoryEntry[] }[] {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()
  const startOfYesterday = startOfToday - 86_400_000
  const groups: Record<Day, HistoryEntry[]> = { today: [], yesterday: [], earlier: [] }
  for (const entry of entries) {
    const at = new Date(entry.watchedAt).getTime()
    groups[at >= startOfToday ? 'today' : at >= startOfYesterday ? 'yesterday' : 'earlier'].push(entry)
  }
  return (['today', 'yesterday', 'earlier'] as const)
    .filter((day) => groups[day].length > 0)
    .map((day) => ({ day, entries: groups[day] }))
}
