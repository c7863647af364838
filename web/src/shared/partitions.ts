import { computed, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { api, type Partition } from '@/api'

/** The partition tree (分区), read once per visit: it changes with releases, not with use. */
export const usePartitions = defineStore('partitions', () => {
  const tree = shallowRef<Partition[]>([])
  let loading: Promise<void> | null = null

  function load() {
    loading ??= api.videos
      .partitions()
      .then((partitions) => {
        tree.value = partitions
      })
      .catch(() => {
        loading = null
      })
    return loading
  }

  const bySlug = computed(() => {
    const map = new Map<string, { partition: Partition; parent: Partition | null }>()
    for (const top of tree.value) {
      map.set(top.slug, { partition: top, parent: null })
      for (const child of top.children ?? []) map.set(child.slug, { partition: child, parent: top })
    }
    return map
  })

  /** "动画 · MAD·AMV" for a child, "动画" for a top-level partition, the slug when unknown. */
  function label(slug: string | null | undefined) {
    if (!slug) return ''
    const found = bySlug.value.get(slug)
    if (!found) return slug
    return found.parent ? `${found.parent.name} · ${found.partition.name}` : found.partition.name
  }

  return { tree, load, label }
})
