import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/admin/reviews',
    name: 'admin-reviews',
    component: () => import('./views/ReviewQueueView.vue'),
    meta: { requiresAdmin: true },
  },
] satisfies RouteRecordRaw[]
