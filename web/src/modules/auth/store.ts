import { computed, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import { api, tokens, type AuthResult, type Profile } from '@/api'
import { identityOf } from '@/api/session'

/** Who is signed in. The tokens themselves live in the API session (shared by tabs); this is the view of them. */
export const useAuthStore = defineStore('auth', () => {
  const me = shallowRef<Profile | null>(null)
  const identity = computed(() => (tokens.current.value ? identityOf(tokens.current.value.accessToken) : null))
  const signedIn = computed(() => identity.value !== null)
  const uid = computed(() => identity.value?.uid ?? null)
  const isAdmin = computed(() => identity.value?.roles.includes('ADMIN') ?? false)

  async function login(username: string, password: string) {
    accept(await api.auth.login({ username, password }))
  }

  async function register(username: string, password: string, nickname: string) {
    accept(await api.auth.register({ username, password, nickname }))
  }

  function accept(result: AuthResult) {
    tokens.write({ accessToken: result.accessToken, refreshToken: result.refreshToken })
    me.value = { sign: '', followers: 0, following: 0, likesReceived: 0, videos: 0, ...result.user }
    void loadMe()
  }

  async function loadMe() {
    if (!signedIn.value) {
      me.value = null
      return
    }
    try {
      me.value = await api.users.me()
    } catch {
      // The header falls back to the uid until the profile can be read.
    }
  }

  /** Ends the session here and on the server; signing out works even when the server cannot be reached. */
  async function logout() {
    const current = tokens.read()
    try {
      if (current) await api.auth.logout(current.refreshToken)
    } catch {
      // The tokens are dropped below either way; the refresh token expires on its own.
    } finally {
      tokens.write(null)
      me.value = null
    }
  }

  // Another tab signed in, out, or as someone else.
  watch(uid, (now, before) => {
    if (now !== before) void loadMe()
  })

  return { me, uid, signedIn, isAdmin, login, register, logout, loadMe }
})
