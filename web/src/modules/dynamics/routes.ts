import type { RouteRecordRaw } from 'vue-router'

export default [
  // 动态: the feed of everyone I follow
  {
    path: '/dynamics',
    name: 'dynamics',
    component: () => import('./views/DynamicsView.vue'),
    meta: { requiresAuth: true },
  },
] satisfies RouteRecordRaw[]
