import type { RouteRecordRaw } from 'vue-router'

export default [
  // /search?keyword=动漫&partition=anime&sort=views
  { path: '/search', name: 'search', component: () => import('./views/SearchView.vue') },
] satisfies RouteRecordRaw[]
