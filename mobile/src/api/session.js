/** The signed-in session's tokens and user card in uni storage (localStorage on H5, wx storage in WeChat). */
const TOKENS = 'openbili.tokens'
const USER = 'openbili.user'

/** `storage` has getItem/setItem/removeItem semantics; `uniStorage()` adapts uni's synchronous storage. */
export function createTokenStore(storage) {
  const listeners = []
  return {
    read: () => storage.get(TOKENS) || null,
    write(tokens) {
      if (tokens) storage.set(TOKENS, tokens)
      else {
        storage.remove(TOKENS)
        storage.remove(USER)
      }
      listeners.forEach((listener) => listener(tokens))
    },
    /** Called with the new pair (or null when signed out), e.g. to update the store after a lost session. */
    onChange: (listener) => listeners.push(listener),
    user: () => storage.get(USER) || null,
    saveUser: (user) => storage.set(USER, user),
  }
}

export function uniStorage() {
  return {
    get: (key) => uni.getStorageSync(key) || null,
    set: (key, value) => uni.setStorageSync(key, value),
    remove: (key) => uni.removeStorageSync(key),
  }
}

const networkError = (error) => new Error(`网络错误：${error?.errMsg ?? '无法连接服务器'}`)

/** uni.request as the client's transport; network failures reject with a readable message. */
export function uniTransport(options) {
  return new Promise((resolve, reject) => {
    uni.request({
      ...options,
      dataType: 'json',
      success: (answer) => resolve({ statusCode: answer.statusCode, header: answer.header, data: answer.data }),
      fail: (error) => reject(networkError(error)),
    })
  })
}

/** uni.uploadFile (multipart) as the client's file transport; the body comes back as text. */
export function uniUploadTransport({ url, filePath, name, header }) {
  return new Promise((resolve, reject) => {
    uni.uploadFile({
      url,
      filePath,
      name,
      header,
      success: (answer) => resolve({ statusCode: answer.statusCode, data: answer.data }),
      fail: (error) => reject(networkError(error)),
    })
  })
}
