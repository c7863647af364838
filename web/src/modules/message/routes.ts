import type { RouteRecordRaw } from 'vue-router'

export default [
  // 消息中心: /message/reply|at|like|follow|system|whisper (我的消息, ?peer=<uid> opens a conversation)
  {
    path: '/message/:tab(reply|at|like|follow|system|whisper)?',
    name: 'message',
    component: () => import('./views/MessageCenterView.vue'),
    meta: { requiresAuth: true },
  },
] satisfies RouteRecordRaw[]
