import { computed, ref, shallowRef, type Ref } from 'vue'
import type { CursorPage } from '@/api'

export type PageLoader<T> = (cursor: string | null) => Promise<CursorPage<T>>

/**
 * A list read one cursor page at a time, as every list of the API is. One request at a time; a page that
 * arrives after `reset()` (the tab or sort changed meanwhile) is dropped; items already shown are not
 * repeated when a later page overlaps (hot sorts move between requests).
 */
export function useCursorList<T>(load: PageLoader<T>, keyOf?: (item: T) => string) {
  const items = ref([]) as Ref<T[]>
  const loading = ref(false)
  const done = ref(false)
  const error = shallowRef<unknown>(null)
  let cursor: string | null = null
  let generation = 0
  const seen = new Set<string>()

  async function loadMore(): Promise<void> {
    if (loading.value || done.value) return
    const mine = generation
    loading.value = true
    error.value = null
    try {
      const page = await load(cursor)
      if (mine !== generation) return
      const fresh = keyOf ? page.items.filter((item) => !seen.has(keyOf(item))) : page.items
      if (keyOf) fresh.forEach((item) => seen.add(keyOf(item)))
      items.value.push(...fresh)
      cursor = page.nextCursor
      done.value = !page.nextCursor
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function reset() {
    generation++
    items.value = []
    seen.clear()
    cursor = null
    done.value = false
    loading.value = false
    error.value = null
  }

  function reload() {
    reset()
    return loadMore()
  }

  /**
   * Puts an item at the top (one just written, or pushed by the server), in place of any copy already shown; a page
   * still on its way will not show it again.
   */
  function prepend(item: T) {
    if (keyOf) {
      const key = keyOf(item)
      seen.add(key)
      items.value = [item, ...items.value.filter((existing) => keyOf(existing) !== key)]
    } else {
      items.value = [item, ...items.value]
    }
  }

  /** Removes an item shown in the list (after deleting it), without reloading. */
  function remove(predicate: (item: T) => boolean) {
    items.value = items.value.filter((item) => !predicate(item))
  }

  return {
    items,
    loading,
    done,
    error,
    empty: computed(() => done.value && items.value.length === 0),
    loadMore,
    reset,
    reload,
    prepend,
    remove,
  }
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>
