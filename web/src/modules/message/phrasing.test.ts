import { describe, expect, it } from 'vitest'
import type { NotificationEntry } from '@/api'
import { actorsOf, linkOf } from './phrasing'

function entry(overrides: Partial<NotificationEntry>): NotificationEntry {
  return {
    id: '1',
    type: 'like',
    kind: 'like-video',
    actors: [],
    actorCount: 0,
    target: null,
    content: null,
    amount: null,
    read: false,
    latestAt: '2026-01-01T00:00:00Z',
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  }
}

const person = (uid: string) => ({ uid, nickname: `用户${uid}`, avatarUrl: '' })

describe('actorsOf', () => {
  it('names two and counts everyone when more came', () => {
    const { named, total } = actorsOf(entry({ actors: [person('1'), person('2'), person('3')], actorCount: 128 }))
    expect(named.map((a) => a.uid)).toEqual(['1', '2'])
    expect(total).toBe(128)
  })

  it('names everyone when there are two or fewer', () => {
    expect(actorsOf(entry({ actors: [person('1'), person('2')], actorCount: 2 }))).toEqual({
      named: [person('1'), person('2')],
      total: 0,
    })
    expect(actorsOf(entry({ actors: [], actorCount: 0 })).named).toEqual([])
  })
})

describe('linkOf', () => {
  const video = { bvid: 'BV1xx', title: 't', coverUrl: null }

  it('leads a reply to its comment in its thread', () => {
    const reply = entry({ kind: 'reply', target: { ...video, type: 'comment', commentId: '9', rootId: '7' } })
    expect(linkOf(reply)).toEqual({ path: '/video/BV1xx', query: { comment: '7', reply: '9' } })
    const root = entry({ kind: 'comment', target: { ...video, type: 'comment', commentId: '7', rootId: '7' } })
    expect(linkOf(root)).toEqual({ path: '/video/BV1xx', query: { comment: '7' } })
  })

  it('leads a video notice to the video and a follow to the follower', () => {
    expect(linkOf(entry({ target: { ...video, type: 'video', commentId: null, rootId: null } }))).toEqual({
      path: '/video/BV1xx',
    })
    expect(linkOf(entry({ kind: 'follow', type: 'follow', actors: [person('5')], actorCount: 1 }))).toEqual({
      path: '/space/5',
    })
  })
})
