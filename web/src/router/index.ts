import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/modules/auth/store'

declare module 'vue-router' {
  interface RouteMeta {
    /** Signed-out visitors are sent to the login page and brought back afterwards. */
    requiresAuth?: boolean
    requiresAdmin?: boolean
  }
}

// Each feature module declares its own routes in src/modules/<feature>/routes.ts.
const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('../modules/*/routes.ts', { eager: true })

export const routes: RouteRecordRaw[] = [
  ...Object.values(modules).flatMap((module) => module.default),
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/shared/views/NotFoundView.vue') },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, from, saved) {
    if (saved) return saved
    if (to.path !== from.path) return { top: 0 }
  },
})

router.beforeEach((to) => {
  const auth = useAuthStore()
  if ((to.meta.requiresAuth || to.meta.requiresAdmin) && !auth.signedIn) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (to.meta.requiresAdmin && !auth.isAdmin) {
    return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') }, query: { reason: 'forbidden' } }
  }
})
