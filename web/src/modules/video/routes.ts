import type { RouteRecordRaw } from 'vue-router'
import { useVideoStore } from './store'

export default [
  // Bilibili's own address shape, so links can be shared: /video/BV1xx411c7mD?t=90
  {
    path: '/video/:bvid',
    name: 'video',
    component: () => import('./views/VideoView.vue'),
    // The video is asked for while the page's code is still loading, not after.
    beforeEnter: (to) =>
      void useVideoStore()
        .open(String(to.params.bvid))
        .catch(() => {}),
  },
] satisfies RouteRecordRaw[]
