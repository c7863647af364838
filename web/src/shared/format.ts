/** Numbers, durations and dates as the UI shows them, in the current locale (万/亿 in Chinese). */

export function formatCount(value: number | null | undefined, locale: string): string {
  const n = value ?? 0
  if (n < 10_000) return String(n)
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

/** 83_000 ms → "01:23"; an hour or more → "1:02:03". */
export function formatDuration(ms: number | null | undefined): string {
  const total = Math.max(0, Math.floor((ms ?? 0) / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = String(m).padStart(2, '0')
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

/** Recent times as "3 小时前", older ones as a date; `now` is a parameter so tests can fix it. */
export function formatTime(iso: string | null | undefined, locale: string, now = Date.now()): string {
  if (!iso) return ''
  const at = new Date(iso).getTime()
  const seconds = Math.round((at - now) / 1000)
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (Math.abs(seconds) < 60) return rtf.format(0, 'second')
  if (Math.abs(seconds) < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (Math.abs(seconds) < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  if (Math.abs(seconds) < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day')
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}
