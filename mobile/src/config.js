/**
 * Where the API is. The H5 build is served by the gateway itself, so it calls its own origin; a mini-program
 * needs an absolute address (set VITE_API_BASE when building, e.g. VITE_API_BASE=https://openbili.example).
 */
const configured = import.meta.env.VITE_API_BASE

export const API_BASE = configured ?? (process.env.UNI_PLATFORM === 'h5' ? '' : 'http://localhost:8080')

/** wx.request has no PATCH: mini-programs send POST with X-HTTP-Method-Override (the gateway honours it). */
export const METHOD_OVERRIDE = process.env.UNI_PLATFORM !== 'h5'

/** Where media paths ("/media/…") are fetched from: the API's origin (the page's own on H5). */
export function mediaOrigin() {
  // no URL class in mini-programs
  const absolute = API_BASE.match(/^https?:\/\/[^/]+/)
  if (absolute) return absolute[0]
  return typeof location !== 'undefined' ? location.origin : ''
}

/** The WebSocket address of the API, ws(s) for http(s); relative bases resolve against the page. */
export function socketUrl(path) {
  let base = API_BASE
  if (!/^https?:/.test(base) && typeof location !== 'undefined') base = location.origin + base
  return base.replace(/^http/, 'ws') + path
}
