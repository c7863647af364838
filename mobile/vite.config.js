import { defineConfig } from 'vite'
import uni from '@dcloudio/vite-plugin-uni'

/**
 * The mini-program's appid comes from WECHAT_APPID at build time (manifest.json keeps it empty); without it
 * WeChat DevTools opens the project with its test appid.
 */
function wechatAppId() {
  return {
    name: 'openbili-wechat-appid',
    generateBundle(_options, bundle) {
      const config = bundle['project.config.json']
      if (!config || config.type !== 'asset') return
      const json = JSON.parse(String(config.source))
      json.appid = process.env.WECHAT_APPID || 'touristappid'
      config.source = JSON.stringify(json, null, 2)
    },
  }
}

export default defineConfig({
  plugins: [uni(), wechatAppId()],
})
