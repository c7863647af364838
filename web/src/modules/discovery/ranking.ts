import type { RankingWindow } from '@/api'

export const RANKING_WINDOWS: readonly RankingWindow[] = ['day', '3day', 'week']

/** The window in the address (`?window=3day`), the day's list when it names none or one that does not exist. */
export function windowOf(value: unknown): RankingWindow {
  return RANKING_WINDOWS.includes(value as RankingWindow) ? (value as RankingWindow) : 'day'
}

/** The partition in the address, or null for the whole site (全站). */
export function partitionOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/** A score as the ranking shows it: whole points, as Bilibili's 综合得分. */
export function points(score: number): number {
  return Math.max(0, Math.round(score * 100))
}
