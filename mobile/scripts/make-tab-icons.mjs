// Draws the four tab-bar icons (81×81 PNG, as WeChat asks: no SVG in tabBar) from line segments and arcs,
// in grey and in the accent colour. Run once after changing a shape: node scripts/make-tab-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 81
const STROKE = 3.2

const seg = (x1, y1, x2, y2) => ({ kind: 'seg', x1, y1, x2, y2 })
const ring = (cx, cy, r, from = 0, to = 2 * Math.PI) => ({ kind: 'ring', cx, cy, r, from, to })
const box = (x, y, w, h) => [seg(x, y, x + w, y), seg(x + w, y, x + w, y + h), seg(x + w, y + h, x, y + h), seg(x, y + h, x, y)]

const ICONS = {
  home: [seg(12, 40, 40, 15), seg(40, 15, 68, 40), seg(21, 34, 21, 66), seg(59, 34, 59, 66), seg(21, 66, 59, 66),
    seg(34, 66, 34, 50), seg(46, 66, 46, 50), seg(34, 50, 46, 50)],
  channel: [seg(33, 14, 27, 66), seg(54, 14, 48, 66), seg(15, 31, 67, 31), seg(13, 49, 65, 49)],
  partition: [...box(14, 14, 22, 22), ...box(44, 14, 22, 22), ...box(14, 44, 22, 22), ...box(44, 44, 22, 22)],
  me: [ring(40, 28, 12), ring(40, 72, 26, Math.PI, 2 * Math.PI)],
}

function distance(shape, x, y) {
  if (shape.kind === 'seg') {
    const dx = shape.x2 - shape.x1
    const dy = shape.y2 - shape.y1
    const t = Math.max(0, Math.min(1, ((x - shape.x1) * dx + (y - shape.y1) * dy) / (dx * dx + dy * dy)))
    return Math.hypot(x - shape.x1 - t * dx, y - shape.y1 - t * dy)
  }
  let angle = Math.atan2(y - shape.cy, x - shape.cx)
  if (angle < 0) angle += 2 * Math.PI
  if (angle >= shape.from && angle <= shape.to) return Math.abs(Math.hypot(x - shape.cx, y - shape.cy) - shape.r)
  const ends = [shape.from, shape.to].map((a) => [shape.cx + shape.r * Math.cos(a), shape.cy + shape.r * Math.sin(a)])
  return Math.min(...ends.map(([ex, ey]) => Math.hypot(x - ex, y - ey)))
}

function png(shapes, [r, g, b]) {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4)
    for (let x = 0; x < SIZE; x++) {
      const d = Math.min(...shapes.map((s) => distance(s, x + 0.5, y + 0.5)))
      const alpha = Math.max(0, Math.min(1, STROKE - d + 0.5))
      row.set([r, g, b, Math.round(alpha * 255)], 1 + x * 4)
    }
    rows.push(row)
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function crc32(buffer) {
  let crc = ~0
  for (const byte of buffer) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

const out = new URL('../src/static/tab/', import.meta.url)
mkdirSync(out, { recursive: true })
for (const [name, shapes] of Object.entries(ICONS)) {
  writeFileSync(new URL(`${name}.png`, out), png(shapes, [0x94, 0x99, 0xa0]))
  writeFileSync(new URL(`${name}-active.png`, out), png(shapes, [0xfb, 0x72, 0x99]))
}
