import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { requiresAuth: true },
  },
] satisfies RouteRecordRaw[]
