// Checks the built mini-program (dist/build/mp-weixin) the way WeChat DevTools would refuse it: every page of
// pages.json is there, the tab bar has its four tabs with icons, and no page or component uses a component
// that was not emitted. Run after `npm run build:mp-weixin`.
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, it } from 'node:test'

const root = resolve(import.meta.dirname, '..', '..')
const out = join(root, 'dist', 'build', 'mp-weixin')
const source = JSON.parse(readFileSync(join(root, 'src', 'pages.json'), 'utf8'))
const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'))

/** WeChat's limit for the main package. */
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

/** Every page and component: the .json files that sit beside a .wxml. */
const units = files(out)
  .filter((f) => f.endsWith('.wxml'))
  .map((f) => f.slice(0, -'.wxml'.length))
  .filter((base) => existsSync(`${base}.json`))

describe('the mp-weixin build', () => {
  it('lists every page of pages.json, and each page has its four files', () => {
    assert.deepEqual(
      app.pages,
      source.pages.map((p) => p.path),
    )
    for (const page of app.pages) {
      for (const ext of ['js', 'json', 'wxml']) {
        assert.ok(existsSync(join(out, `${page}.${ext}`)), `${page}.${ext} is missing`)
      }
    }
  })

  it('has a tab bar of 首页 频道 分区 我的, each a page with both icons emitted', () => {
    const tabs = app.tabBar.list
    assert.deepEqual(
      tabs.map((t) => t.text),
      ['首页', '频道', '分区', '我的'],
    )
    for (const tab of tabs) {
      assert.ok(app.pages.includes(tab.pagePath), `${tab.pagePath} is not a page`)
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        const path = join(out, icon)
        assert.ok(existsSync(path), `${icon} is missing`)
        assert.ok(icon.endsWith('.png'), `${icon}: the tab bar takes PNG or JPEG only`)
        assert.ok(statSync(path).size <= 40 * 1024, `${icon}: over WeChat's 40 KB icon limit`)
      }
    }
  })

  it('uses no component that was not emitted, and declares every custom tag it renders', () => {
    const globals = app.usingComponents ?? {}
    for (const unit of units) {
      const json = JSON.parse(readFileSync(`${unit}.json`, 'utf8'))
      const using = { ...globals, ...(json.usingComponents ?? {}) }
      for (const [tag, path] of Object.entries(using)) {
        const target = path.startsWith('/') ? join(out, path) : resolve(dirname(unit), path)
        for (const ext of ['js', 'json', 'wxml']) {
          assert.ok(existsSync(`${target}.${ext}`), `${relative(out, unit)} uses <${tag}> but ${relative(out, target)}.${ext} is missing`)
        }
      }
      const wxml = readFileSync(`${unit}.wxml`, 'utf8')
      const tags = new Set([...wxml.matchAll(/<([a-z][a-z0-9]*-[a-z0-9-]+)[\s/>]/g)].map((m) => m[1]))
      for (const tag of tags) {
        // swiper-item, scroll-view, movable-view …: WeChat's own components
        if (BUILT_IN.has(tag)) continue
        assert.ok(using[tag], `${relative(out, unit)}.wxml renders <${tag}>, which it does not declare`)
      }
    }
  })

  it('keeps the main package under WeChat’s 2 MB limit', () => {
    const size = files(out).reduce((sum, f) => sum + statSync(f).size, 0)
    assert.ok(size < MAIN_PACKAGE_LIMIT, `main package is ${size} bytes`)
  })
})

const BUILT_IN = new Set([
  'scroll-view',
  'swiper-item',
  'movable-area',
  'movable-view',
  'cover-view',
  'cover-image',
  'rich-text',
  'picker-view',
  'picker-view-column',
  'checkbox-group',
  'radio-group',
  'live-player',
  'live-pusher',
  'web-view',
  'open-data',
  'page-meta',
  'navigation-bar',
  'page-container',
  'root-portal',
  'match-media',
  'official-account',
  'functional-page-navigator',
  'keyboard-accessory',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
  'share-element',
])
