import type { RouteRecordRaw } from 'vue-router'

export default [
  // 创作中心: ?tab=upload (投稿), manage (稿件管理), data (数据中心)
  {
    path: '/upload',
    name: 'upload',
    component: () => import('./views/CreatorView.vue'),
    meta: { requiresAuth: true },
  },
] satisfies RouteRecordRaw[]
