import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { api, ApiError, type Relation, type Video, type VideoStats } from '@/api'
import { useAuthStore } from '@/modules/auth/store'

const NO_RELATION: Relation = { liked: false, coins: 0, favorited: false, folderIds: [] }

/** The video being watched: what it is, its counters, and what the signed-in viewer did to it. */
export const useVideoStore = defineStore('video', () => {
  const auth = useAuthStore()
  const video = shallowRef<Video | null>(null)
  const stats = ref<VideoStats | null>(null)
  const relation = ref<Relation>({ ...NO_RELATION })
  const notFound = ref(false)
  const bvid = computed(() => video.value?.bvid ?? null)

  let opening: { id: string; done: Promise<void> } | null = null

  /** Loads a video; asking again for the one open joins that load (the route starts it early). */
  function open(id: string): Promise<void> {
    if (opening?.id !== id) {
      const done = load(id).catch((error: unknown) => {
        // A failed read is not kept: asking again tries again.
        if (opening?.done === done) opening = null
        throw error
      })
      opening = { id, done }
    }
    return opening.done
  }

  /** The page is left: the next visit reads the video afresh. */
  function close() {
    opening = null
  }

  async function load(id: string) {
    video.value = null
    stats.value = null
    relation.value = { ...NO_RELATION }
    notFound.value = false
    try {
      // The interaction service's counters are the live ones; the video's own copy may lag behind.
      const [found, live] = await Promise.all([api.videos.get(id), api.videos.stats([id]).catch(() => [])])
      video.value = found
      stats.value = { ...(live[0] ?? found.stats) }
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) notFound.value = true
      else throw error
      return
    }
    await loadRelation()
  }

  async function refreshStats() {
    if (!bvid.value) return
    try {
      const [live] = await api.videos.stats([bvid.value])
      if (live) stats.value = { ...live }
    } catch {
      // Keep the counters that came with the video.
    }
  }

  async function loadRelation() {
    if (!bvid.value || !auth.signedIn) return
    try {
      relation.value = await api.interaction.relation(bvid.value)
    } catch {
      // Buttons show their neutral state; acting on them still works.
    }
  }

  function bump(key: keyof VideoStats, to: number) {
    if (stats.value) stats.value = { ...stats.value, [key]: to }
  }

  async function toggleLike() {
    if (!bvid.value) return
    const state = relation.value.liked
      ? await api.interaction.unlike(bvid.value)
      : await api.interaction.like(bvid.value)
    relation.value = { ...relation.value, liked: state.liked }
    bump('likes', state.likes)
  }

  async function coin(count: 1 | 2) {
    if (!bvid.value) return
    const before = relation.value.coins
    const state = await api.interaction.coin(bvid.value, count)
    relation.value = { ...relation.value, coins: state.coins }
    bump('coins', (stats.value?.coins ?? 0) + (state.coins - before))
    return state
  }

  async function share() {
    if (!bvid.value) return
    const { shares } = await api.interaction.share(bvid.value)
    bump('shares', shares)
  }

  async function favorite(folderIds: string[]) {
    if (!bvid.value) return
    const wasFavorited = relation.value.favorited
    const state = await api.interaction.favorite(bvid.value, folderIds)
    relation.value = { ...relation.value, favorited: state.favorited, folderIds: state.folderIds }
    if (state.favorited !== wasFavorited) bump('favorites', (stats.value?.favorites ?? 0) + (state.favorited ? 1 : -1))
  }

  /** 一键三连: like, coin and favourite at once; the counters are read again afterwards. */
  async function triple() {
    if (!bvid.value) return
    relation.value = await api.interaction.triple(bvid.value)
    await refreshStats()
  }

  return {
    video,
    stats,
    relation,
    notFound,
    open,
    close,
    loadRelation,
    refreshStats,
    toggleLike,
    coin,
    favorite,
    share,
    triple,
    bump,
  }
})
