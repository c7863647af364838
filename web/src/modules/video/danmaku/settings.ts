import { useLocalStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import type { DanmakuMode } from '@/api'

/** The viewer's danmaku preferences, kept across visits as on Bilibili. */
export const useDanmakuSettings = defineStore('danmakuSettings', () => {
  const visible = useLocalStorage('openbili.danmaku.visible', true)
  const opacity = useLocalStorage('openbili.danmaku.opacity', 1)
  const mode = useLocalStorage<DanmakuMode>('openbili.danmaku.mode', 'scroll')
  const color = useLocalStorage('openbili.danmaku.color', '#ffffff')
  return { visible, opacity, mode, color }
})

/** Bilibili's palette for danmaku colours. */
export const DANMAKU_COLORS = [
  '#ffffff',
  '#fe0302',
  '#ff7204',
  '#ffaa02',
  '#ffd302',
  '#ffff00',
  '#a0ee00',
  '#00cd00',
  '#019899',
  '#4266be',
  '#89d5ff',
  '#cc0273',
  '#222222',
  '#9b9b9b',
]
