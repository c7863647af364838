/** A cursor-paged list as the store keeps it. */
export function pagedList() {
  return { items: [], cursor: null, done: false, loading: false, loaded: false, error: null }
}

/**
 * Loads the first page (`refresh`) or the next one of `list` with `fetchPage(cursor)`, which answers a cursor
 * page; a load already under way or a finished list is left alone. Returns the list.
 */
export async function loadPage(list, fetchPage, refresh = false) {
  if (list.loading || (!refresh && list.done)) return list
  list.loading = true
  list.error = null
  try {
    const page = await fetchPage(refresh ? null : list.cursor)
    list.items = refresh ? page.items : [...list.items, ...page.items]
    list.cursor = page.nextCursor ?? null
    list.done = !page.nextCursor
    list.loaded = true
    return list
  } catch (error) {
    list.error = error.message
    throw error
  } finally {
    list.loading = false
  }
}
