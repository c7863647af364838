import type { RouteRecordRaw } from 'vue-router'

export default [
  // 个人空间: /space/123?tab=videos|favorites|following|followers
  { path: '/space/:uid(\\d+)', name: 'space', component: () => import('./views/SpaceView.vue') },
] satisfies RouteRecordRaw[]
