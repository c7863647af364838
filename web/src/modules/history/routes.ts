import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/history',
    name: 'history',
    component: () => import('./views/HistoryView.vue'),
    meta: { requiresAuth: true },
  },
] satisfies RouteRecordRaw[]
