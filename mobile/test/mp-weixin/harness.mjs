// Runs the built mini-program (dist/build/mp-weixin) headlessly: miniprogram-simulate renders its pages with
// WeChat's own template compiler (wcc) in jsdom, so taps go through the emitted WXML, uni's runtime and Vuex.
// What only WeChat's client has is provided here: wx.request over real HTTP (fetch) to `baseUrl`, storage in
// memory, wx.login from `login`, navigation recorded in `navigations`, wx.chooseVideo handing over what
// `pickVideo` was given (wx.chooseImage: `pickImage`), and the file system's readFile and wx.uploadFile over the
// files of this machine that `files` names.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
// Node's own, before jsdom puts its FormData and Blob on the global object: fetch sends only these
const { FormData: NodeFormData, Blob: NodeBlob } = globalThis
export const OUT = resolve(import.meta.dirname, '..', '..', 'dist', 'build', 'mp-weixin')

let loaded = null

/** Boots the built app once per process: `baseUrl` is where wx.request goes (the app's own base is ignored). */
export function bootMiniProgram({ baseUrl = 'http://127.0.0.1:9', login = async () => 'no-code' } = {}) {
  if (loaded) return loaded
  require('global-jsdom')(undefined, { url: 'http://localhost/' })
  // Node 20 has its own Event and CustomEvent; j-component dispatches jsdom's.
  global.CustomEvent = window.CustomEvent
  global.Event = window.Event
  const simulate = require('miniprogram-simulate')

  const storage = new Map()
  /** The mini-program's file system: its paths (wxfile://…) and the files on this machine they stand for. */
  const files = new Map()
  /** What wx.chooseVideo picks next (`{tempFilePath, size}`); without one the person cancels. */
  let nextVideo = null
  /** What wx.chooseImage picks next (`{path, size}`); without one the person cancels. */
  let nextImage = null
  /** Every wx.request: `{method, path, header}`. */
  const requests = []
  const navigations = []
  const pages = []
  const toasts = []
  let app = null

  global.App = (options) => (app = options)
  global.getApp = () => app
  global.Page = () => {
    throw new Error('uni-app creates pages with Component()')
  }
  global.getCurrentPages = () => pages

  const done = (options, result) => {
    options.success?.(result)
    options.complete?.(result)
  }
  Object.assign(global.wx, {
    getWindowInfo: () => ({ windowWidth: 390, windowHeight: 844, screenWidth: 390, screenHeight: 844, pixelRatio: 3, statusBarHeight: 20, safeArea: { top: 20, bottom: 810, left: 0, right: 390, width: 390, height: 790 } }),
    getSystemInfoSync: () => ({ ...global.wx.getWindowInfo(), platform: 'devtools', language: 'zh_CN', version: '8.0.50', SDKVersion: '3.5.0', system: 'Linux' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.5.0', language: 'zh_CN', version: '8.0.50', theme: 'light' }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'Linux', brand: 'devtools', model: 'simulate' }),
    getStorageSync: (key) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
    setStorageSync: (key, value) => storage.set(key, structuredClone(value)),
    removeStorageSync: (key) => storage.delete(key),
    login: (options) =>
      Promise.resolve(login()).then(
        (code) => done(options, { code, errMsg: 'login:ok' }),
        (error) => options.fail?.({ errMsg: `login:fail ${error.message}` }),
      ),
    request(options) {
      const url = new URL(options.url)
      const target = new URL(url.pathname + url.search, baseUrl)
      const hasBody = options.data !== undefined && options.method !== 'GET'
      requests.push({ method: options.method, path: url.pathname, header: { ...options.header } })
      // wx.request sends an ArrayBuffer as it is, and anything else but a string as JSON
      const binary = options.data instanceof ArrayBuffer || typeof options.data === 'string'
      fetch(target, {
        method: options.method,
        headers: options.header,
        body: hasBody ? (binary ? options.data : JSON.stringify(options.data)) : undefined,
      })
        .then(async (response) => {
          const text = await response.text()
          let data = text
          try {
            data = text ? JSON.parse(text) : ''
          } catch {
            // not JSON: the text as it is
          }
          done(options, { statusCode: response.status, data, header: Object.fromEntries(response.headers) })
        })
        .catch((error) => options.fail?.({ errMsg: `request:fail ${error.message}` }))
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
    chooseVideo(options) {
      const picked = nextVideo
      nextVideo = null
      if (picked) done(options, { duration: 6, width: 1280, height: 720, ...picked })
      else options.fail?.({ errMsg: 'chooseVideo:fail cancel' })
    },
    chooseImage(options) {
      const picked = nextImage
      nextImage = null
      if (picked) done(options, { tempFilePaths: [picked.path], tempFiles: [picked] })
      else options.fail?.({ errMsg: 'chooseImage:fail cancel' })
    },
    uploadFile(options) {
      const url = new URL(options.url)
      requests.push({ method: 'POST', path: url.pathname, header: { ...options.header }, file: options.filePath })
      const real = files.get(options.filePath)
      const form = new NodeFormData()
      form.append(options.name, new NodeBlob([readFileSync(real)]), basename(real))
      fetch(new URL(url.pathname + url.search, baseUrl), { method: 'POST', headers: options.header, body: form })
        .then(async (response) => done(options, { statusCode: response.status, data: await response.text() }))
        .catch((error) => options.fail?.({ errMsg: `uploadFile:fail ${error.message}` }))
      return { abort() {}, onProgressUpdate() {} }
    },
    getFileSystemManager: () => ({
      readFile({ filePath, position = 0, length, success, fail }) {
        const real = files.get(filePath)
        if (!real) return fail?.({ errMsg: `readFile:fail no such file ${filePath}` })
        const bytes = readFileSync(real)
        const end = length === undefined ? bytes.length : position + length
        const piece = bytes.subarray(position, end)
        success?.({ data: piece.buffer.slice(piece.byteOffset, piece.byteOffset + piece.length) })
      },
    }),
    navigateTo: (options) => (navigations.push(['navigateTo', options.url]), done(options, {})),
    redirectTo: (options) => (navigations.push(['redirectTo', options.url]), done(options, {})),
    switchTab: (options) => (navigations.push(['switchTab', options.url]), done(options, {})),
    navigateBack: (options = {}) => (navigations.push(['navigateBack', options.delta ?? 1]), done(options, {})),
    showToast: (options) => (toasts.push(options.title), done(options, {})),
    // the person taps 确定
    showModal: (options) => done(options, { confirm: true, cancel: false }),
    setNavigationBarTitle: (options) => done(options, {}),
    stopPullDownRefresh: () => {},
  })

  require(join(OUT, 'app.js'))
  app.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 })

  /** Renders a page of the build, as WeChat would on opening it with `query`. */
  async function openPage(path, query = {}) {
    const id = simulate.load(join(OUT, path), { compiler: 'official', rootPath: OUT })
    const page = simulate.render(id)
    page.attach(document.createElement('parent-wrapper'))
    pages.push({ route: path, options: query })
    page.instance.onLoad?.(query)
    page.instance.onShow?.()
    await settle()
    return page
  }

  /** Lets requests and re-renders finish. */
  async function settle(ms = 50) {
    await simulate.sleep(ms)
  }

  /** Resolves once `condition()` is truthy, re-checking as requests and re-renders finish. */
  async function until(condition, what, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await settle(100)
    }
    // the page's event handlers follow its data a moment later
    await settle()
  }

  loaded = {
    app,
    openPage,
    settle,
    until,
    simulate,
    storage,
    files,
    requests,
    navigations,
    toasts,
    pages,
    pickVideo: (video) => (nextVideo = video),
    pickImage: (image) => (nextImage = image),
  }
  return loaded
}

/** The text a rendered page shows, whitespace collapsed. */
export function textOf(page) {
  return page.dom.textContent.replace(/\s+/g, ' ').trim()
}
