import type { RouteRecordRaw } from 'vue-router'

export default [
  // /ranking?partition=anime&window=3day
  { path: '/ranking', name: 'ranking', component: () => import('./views/RankingView.vue') },
  { path: '/channels', name: 'channels', component: () => import('./views/ChannelListView.vue') },
  { path: '/channel/:name', name: 'channel', component: () => import('./views/ChannelView.vue') },
] satisfies RouteRecordRaw[]
