/** 12345 → "1.2万", as Bilibili counts read. */
export function count(n) {
  const value = Number(n) || 0
  if (value >= 1e8) return `${(value / 1e8).toFixed(1).replace(/\.0$/, '')}亿`
  if (value >= 1e4) return `${(value / 1e4).toFixed(1).replace(/\.0$/, '')}万`
  return String(value)
}

/** 83000 → "01:23"; an hour or more → "1:02:03". */
export function duration(ms) {
  const total = Math.max(0, Math.floor((Number(ms) || 0) / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (x) => String(x).padStart(2, '0')
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
}

const STATES = {
  UPLOADING: '上传中',
  PROCESSING: '转码中',
  REVIEW: '审核中',
  PUBLISHED: '已发布',
  REJECTED: '未通过',
  FAILED: '处理失败',
}

export const stateName = (state) => STATES[state] ?? state
