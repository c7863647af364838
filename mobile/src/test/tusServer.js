import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server } from '@tus/server'
import { FileStore } from '@tus/file-store'

let base = null

/** One folder for the uploads of this test file, removed when it ends (FileStore creates its own lazily). */
function folder() {
  if (!base) {
    base = mkdtempSync(join(tmpdir(), 'openbili-mobile-tus-'))
    process.on('exit', () => rmSync(base, { recursive: true, force: true }))
  }
  return base
}

/**
 * A real tus 1.0 server (@tus/server, tus's reference implementation for Node, over a folder) at
 * /api/v1/uploads, beside JSON `routes` for the rest of the API ({"POST /api/v1/x": (body, request) => answer}).
 * Like the gateway, it turns POST with X-HTTP-Method-Override: PATCH into PATCH. Every request is recorded in
 * `requests` as it arrived; `beforeTus(req, res)` may answer one itself (true when it did, e.g. to fail it).
 */
export async function startTusServer({ routes = {}, maxSize, beforeTus } = {}) {
  const directory = mkdtempSync(join(folder(), 'upload-'))
  const tus = new Server({ path: '/api/v1/uploads', datastore: new FileStore({ directory }), maxSize })
  const requests = []
  const http = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://x')
    requests.push({ method: req.method, path: pathname, headers: { ...req.headers } })
    if (req.method === 'POST' && req.headers['x-http-method-override']?.toUpperCase() === 'PATCH') {
      req.method = 'PATCH'
      delete req.headers['x-http-method-override']
    }
    const route = routes[`${req.method} ${pathname}`]
    if (route) {
      let text = ''
      for await (const chunk of req) text += chunk
      const answer = await route(text ? JSON.parse(text) : undefined, req)
      const { status = 200, body = answer } = answer?.status ? answer : {}
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
    } else if (pathname.startsWith('/api/v1/uploads') && !(beforeTus && beforeTus(req, res))) {
      tus.handle(req, res)
    } else if (!res.headersSent) {
      res.writeHead(404, { 'Content-Type': 'application/problem+json' }).end('{"code":"NOT_FOUND"}')
    }
  })
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${http.address().port}`,
    requests,
    /** The bytes the server holds for an upload. */
    stored: (id) => readFileSync(join(directory, id)),
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections()
        http.close(resolve)
      }),
  }
}

/** uni.request's shape over Node's fetch: JSON bodies, ArrayBuffers as they are, every answer header. */
export async function fetchTransport({ url, method, header, data }) {
  const body = data === undefined || data instanceof ArrayBuffer || typeof data === 'string' ? data : JSON.stringify(data)
  const response = await fetch(url, { method, headers: header, body })
  const text = method === 'HEAD' ? '' : await response.text()
  let parsed = text
  try {
    parsed = text ? JSON.parse(text) : ''
  } catch {
    // not JSON: keep the text
  }
  return { statusCode: response.status, header: Object.fromEntries(response.headers), data: parsed }
}
