import { ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { useDocumentVisibility, useIntervalFn } from '@vueuse/core'
import { api } from '@/api'
import { useAuthStore } from '@/modules/auth/store'

const SEEN_KEY = 'openbili.dynamics.seen.'
/** The feed has no push; its "new" badge asks `?since=` now and then, and only while the page is visible. */
const CHECK_EVERY_MS = 120_000

/** How many dynamics are newer than the newest one this user saw on the 动态 page (the header's badge). */
export const useDynamicsStore = defineStore('dynamics', () => {
  const auth = useAuthStore()
  const newCount = ref(0)
  const visibility = useDocumentVisibility()

  const seenKey = () => (auth.uid ? SEEN_KEY + auth.uid : null)

  async function check() {
    const key = seenKey()
    const seen = key ? localStorage.getItem(key) : null
    if (!seen) {
      newCount.value = 0
      return
    }
    try {
      newCount.value = (await api.dynamics.newerThan(seen)).newCount ?? 0
    } catch {
      // The badge keeps its value until the next look.
    }
  }

  /** The feed was shown down from {@code id}: nothing is new any more. */
  function saw(id: string | undefined) {
    const key = seenKey()
    if (key && id) localStorage.setItem(key, id)
    newCount.value = 0
  }

  useIntervalFn(() => {
    if (visibility.value === 'visible') void check()
  }, CHECK_EVERY_MS)
  watch(visibility, (now) => now === 'visible' && void check())
  watch(
    () => auth.uid,
    () => void check(),
    { immediate: true },
  )

  return { newCount, check, saw }
})
