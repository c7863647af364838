import { store } from '../app'

/** The current page as a URL to come back to after signing in. */
function currentUrl() {
  const pages = getCurrentPages()
  const page = pages[pages.length - 1]
  if (!page) return ''
  const query = Object.entries(page.options ?? {})
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/${page.route}${query ? `?${query}` : ''}`
}

/** True when signed in; otherwise opens 登录, which comes back here afterwards. */
export function requireSignIn() {
  if (store.getters['auth/signedIn']) return true
  uni.navigateTo({ url: `/pages/login/login?back=${encodeURIComponent(currentUrl())}` })
  return false
}

/** Leaves the sign-in pages: back to where sign-in was asked for, else to 我的. */
export function afterSignIn() {
  const pages = getCurrentPages()
  const signInPages = pages.filter((p) => /pages\/(login|register)\//.test(p.route)).length
  if (pages.length > signInPages) uni.navigateBack({ delta: signInPages })
  else uni.switchTab({ url: '/pages/me/me' })
}

export const openVideo = (bvid) => uni.navigateTo({ url: `/pages/video/video?bvid=${bvid}` })

/** A toast with the server's message. */
export function showError(error) {
  uni.showToast({ title: error?.message || '出错了', icon: 'none' })
}
