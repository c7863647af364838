// The web client's index.html (WEB_DIST, the file the gateway serves for every client-side route), with a page's
// own head put in place of the generic title and description. Read again when a new build replaces it.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

const CHECK_EVERY_MS = 2_000
/** Without a built web client, bots still get the head, and people a link to the site. */
const BARE = '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="UTF-8" />\n<title>OpenBili</title>\n</head>\n<body><a href="/">OpenBili</a></body>\n</html>\n'

export class WebClient {
  constructor(webDist, log) {
    this.file = join(webDist, 'index.html')
    this.log = log
    this.html = null
    this.modified = 0
    this.checked = 0
    this.current = null
  }

  /** The current index.html; every request in the same moment waits for the same check. */
  index() {
    if (Date.now() - this.checked > CHECK_EVERY_MS) {
      this.checked = Date.now()
      this.current = this.check()
    }
    return this.current
  }

  async check() {
    try {
      const info = await stat(this.file)
      if (info.mtimeMs !== this.modified) {
        this.html = await readFile(this.file, 'utf8')
        this.modified = info.mtimeMs
      }
    } catch {
      if (this.html !== BARE) this.log.warn(`${this.file} is missing: pages are served without the web client`)
      this.html = BARE
      this.modified = 0
    }
    return this.html
  }

  /** index.html with `head` (already escaped markup) in place of its own title and description. */
  async withHead(head) {
    const html = await this.index()
    const without = html.replace(/<title>[\s\S]*?<\/title>\s*/i, '').replace(/<meta\s+name="description"[^>]*>\s*/i, '')
    return without.replace(/<\/head>/i, `${head}\n  </head>`)
  }
}
