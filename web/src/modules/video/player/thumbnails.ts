/** One tile of the thumbnail sprite: what the seek bar shows while hovering over `startMs`–`endMs`. */
export interface ThumbnailCue {
  startMs: number
  endMs: number
  url: string
  x: number
  y: number
  w: number
  h: number
}

/**
 * Reads the WebVTT index of a thumbnail sprite: each cue's text is an image URL (relative to the VTT
 * file) with a `#xywh=x,y,w,h` fragment naming the tile, the usual format of seek previews.
 */
export function parseThumbnailVtt(text: string, vttUrl: string): ThumbnailCue[] {
  const cues: ThumbnailCue[] = []
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/)
  for (const block of blocks) {
    const lines = block.split('\n').filter((line) => line.trim() !== '')
    const timing = lines.findIndex((line) => line.includes('-->'))
    if (timing < 0) continue
    const [from, to] = lines[timing]!.split('-->').map((part) => timestampMs(part.trim().split(/\s+/)[0] ?? ''))
    const target = lines[timing + 1]?.trim()
    if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || !target) continue
    const [path, fragment = ''] = target.split('#')
    const xywh = /xywh=(\d+),(\d+),(\d+),(\d+)/.exec(fragment)
    if (!xywh) continue
    cues.push({
      startMs: from,
      endMs: to,
      url: new URL(path!, new URL(vttUrl, location.href)).toString(),
      x: Number(xywh[1]),
      y: Number(xywh[2]),
      w: Number(xywh[3]),
      h: Number(xywh[4]),
    })
  }
  return cues.sort((a, b) => a.startMs - b.startMs)
}

/** The tile for a time, or the nearest earlier one. */
export function cueAt(cues: ThumbnailCue[], ms: number): ThumbnailCue | undefined {
  let lo = 0
  let hi = cues.length - 1
  let found: ThumbnailCue | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cues[mid]!.startMs <= ms) {
      found = cues[mid]
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}

/** "01:02:03.500", "02:03.500" or "02:03" → milliseconds. */
function timestampMs(stamp: string): number {
  const parts = stamp.split(':').map(Number)
  if (parts.some(Number.isNaN) || parts.length < 2) return NaN
  const seconds = parts.reduce((total, part) => total * 60 + part, 0)
  return Math.round(seconds * 1000)
}

/** Fetches and reads the sprite index named by a video's `thumbnailsUrl`; no previews when it fails. */
export async function loadThumbnails(vttUrl: string): Promise<ThumbnailCue[]> {
  try {
    const response = await fetch(vttUrl)
    return response.ok ? parseThumbnailVtt(await response.text(), response.url || vttUrl) : []
  } catch {
    return []
  }
}
