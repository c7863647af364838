// A stand-in for WeChat's servers (which cannot be reached here): a real HTTP server answering
// GET /sns/jscode2session as WeChat does. A code made by codeFor(openid) is good once, for that openid; any other
// code, a used one or a wrong appid/secret gets WeChat's error answer. The platform reaches it through
// WECHAT_API_BASE; run.mjs reserves its port and the test that needs it starts it.
import { createServer } from 'node:http'

export const WECHAT_APPID = 'wx0e2e0000000000'
export const WECHAT_SECRET = 'e2e-wechat-secret-0123456789'

let codes = 0

/** A fresh wx.login code that the stand-in turns into `openid`. */
export function codeFor(openid) {
  codes += 1
  return `code-${codes}-${Date.now().toString(36)}-for-${openid}`
}

export function startWeChatStandIn(port) {
  const used = new Set()
  const exchanges = []
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://stand-in')
    const answer = (body) => {
      // WeChat labels its JSON text/plain
      response.writeHead(200, { 'Content-Type': 'text/plain' })
      response.end(JSON.stringify(body))
    }
    if (url.pathname !== '/sns/jscode2session') {
      response.writeHead(404).end()
      return
    }
    const q = url.searchParams
    const code = q.get('js_code') ?? ''
    exchanges.push(code)
    if (q.get('appid') !== WECHAT_APPID || q.get('secret') !== WECHAT_SECRET) {
      answer({ errcode: 40125, errmsg: 'invalid appsecret' })
    } else if (q.get('grant_type') !== 'authorization_code' || !/-for-.+$/.test(code)) {
      answer({ errcode: 40029, errmsg: 'invalid code' })
    } else if (used.has(code)) {
      answer({ errcode: 40163, errmsg: 'code been used' })
    } else {
      used.add(code)
      answer({ openid: code.replace(/^.*-for-/, ''), session_key: Buffer.from(code).toString('base64') })
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () =>
      resolve({ exchanges, close: () => new Promise((done) => server.close(done)) }),
    )
  })
}
