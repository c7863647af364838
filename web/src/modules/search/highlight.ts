export interface Segment {
  text: string
  hit: boolean
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * Splits a highlighted title from the search service ("日本<em>动漫</em>解说", everything but the <em>
 * markers HTML-escaped) into text segments. The page renders the segments as text, so nothing in a title,
 * not even a stray tag, can become markup.
 */
export function highlightSegments(highlighted: string): Segment[] {
  const segments: Segment[] = []
  let hit = false
  for (const part of highlighted.split(/(<em\b[^>]*>|<\/em>)/i)) {
    if (/^<em\b/i.test(part)) hit = true
    else if (/^<\/em>$/i.test(part)) hit = false
    else if (part) segments.push({ text: decodeEntities(part), hit })
  }
  return segments
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) ? String.fromCodePoint(code) : entity
    }
    return ENTITIES[name.toLowerCase()] ?? entity
  })
}
