import { describe, expect, it, vi } from 'vitest'
import type { CursorPage } from '@/api'
import { useCursorList } from './cursorList'

function pages<T>(...all: CursorPage<T>[]) {
  const calls: (string | null)[] = []
  const load = vi.fn(async (cursor: string | null) => {
    calls.push(cursor)
    const index = cursor === null ? 0 : Number(cursor)
    return all[index]!
  })
  return { load, calls }
}

describe('useCursorList', () => {
  it('follows nextCursor page by page and stops at the last page', async () => {
    const { load, calls } = pages(
      { items: [1, 2], nextCursor: '1' },
      { items: [3, 4], nextCursor: '2' },
      { items: [5], nextCursor: null },
    )
    const list = useCursorList(load)
    await list.loadMore()
    await list.loadMore()
    await list.loadMore()
    await list.loadMore()
    expect(list.items.value).toEqual([1, 2, 3, 4, 5])
    expect(calls).toEqual([null, '1', '2'])
    expect(list.done.value).toBe(true)
  })

  it('asks for one page at a time when scrolling fires twice', async () => {
    const { load } = pages({ items: [1], nextCursor: '1' }, { items: [2], nextCursor: null })
    const list = useCursorList(load)
    await Promise.all([list.loadMore(), list.loadMore()])
    expect(load).toHaveBeenCalledTimes(1)
    expect(list.items.value).toEqual([1])
  })

  it('drops a page that arrives after the list was reset, so another tab never shows stale videos', async () => {
    let release: (page: CursorPage<string>) => void = () => {}
    const slow = new Promise<CursorPage<string>>((resolve) => (release = resolve))
    const load = vi
      .fn()
      .mockReturnValueOnce(slow)
      .mockResolvedValueOnce({ items: ['new tab'], nextCursor: null })
    const list = useCursorList<string>(load)
    const first = list.loadMore()
    const second = list.reload()
    release({ items: ['old tab'], nextCursor: 'x' })
    await Promise.all([first, second])
    expect(list.items.value).toEqual(['new tab'])
    expect(list.done.value).toBe(true)
  })

  it('does not repeat an item that a later page returns again', async () => {
    const { load } = pages(
      { items: [{ id: 'a' }, { id: 'b' }], nextCursor: '1' },
      { items: [{ id: 'b' }, { id: 'c' }], nextCursor: null },
    )
    const list = useCursorList(load, (item) => item.id)
    await list.loadMore()
    await list.loadMore()
    expect(list.items.value.map((item) => item.id)).toEqual(['a', 'b', 'c'])
  })

  it('keeps what it has when a page fails, and the same cursor is asked again on retry', async () => {
    const load = vi
      .fn()
      .mockResolvedValueOnce({ items: [1], nextCursor: 'c1' })
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ items: [2], nextCursor: null })
    const list = useCursorList<number>(load)
    await list.loadMore()
    await list.loadMore()
    expect(list.error.value).toBeInstanceOf(Error)
    expect(list.items.value).toEqual([1])
    await list.loadMore()
    expect(load).toHaveBeenLastCalledWith('c1')
    expect(list.items.value).toEqual([1, 2])
    expect(list.empty.value).toBe(false)
  })

  it('shows an item put at the top once, even when a page on its way brings it too', async () => {
    let answer: (page: CursorPage<{ id: string }>) => void = () => {}
    const list = useCursorList(
      () => new Promise<CursorPage<{ id: string }>>((resolve) => (answer = resolve)),
      (item) => item.id,
    )
    const loading = list.loadMore()
    list.prepend({ id: 'new' })
    answer({ items: [{ id: 'new' }, { id: 'old' }], nextCursor: null })
    await loading
    expect(list.items.value.map((item) => item.id)).toEqual(['new', 'old'])
    list.prepend({ id: 'old' })
    expect(list.items.value.map((item) => item.id)).toEqual(['old', 'new'])
  })
})
