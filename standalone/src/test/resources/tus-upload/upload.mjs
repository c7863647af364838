// node upload.mjs <tus endpoint> <file> <access token>
// Uploads the file with tus-js-client in chunks, drops the connection after the first chunk as a flaky network
// would, resumes from the server's offset with a new Upload, and prints {"uploadUrl", "uploadId", "resumedAt"}.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Upload } from 'tus-js-client'

const [endpoint, path, token] = process.argv.slice(2)
const bytes = readFileSync(path)
const sha256 = createHash('sha256').update(bytes).digest('hex')
const chunkSize = Math.max(256 * 1024, Math.ceil(bytes.length / 4))

function options(extra) {
  return {
    endpoint,
    chunkSize,
    retryDelays: [0, 500, 1000, 2000, 4000],
    headers: { Authorization: `Bearer ${token}` },
    metadata: { filename: basename(path), filetype: 'video/mp4', sha256 },
    ...extra,
  }
}

function run(upload) {
  return new Promise((resolve, reject) => {
    upload.options.onError = reject
    upload.options.onSuccess = () => resolve(upload)
    upload.start()
  })
}

// first attempt: stop after the first chunk was accepted, as if the tab was closed
const first = new Upload(bytes, options({}))
await new Promise((resolve, reject) => {
  first.options.onError = reject
  first.options.onChunkComplete = () => { first.abort().then(resolve, reject) }
  first.options.onSuccess = resolve
  first.start()
})

// second attempt: a new client that only knows the upload's URL asks the server where to go on
let resumedAt = null
const second = new Upload(bytes, options({
  uploadUrl: first.url,
  onProgress: (sent) => { if (resumedAt === null) resumedAt = sent },
}))
await run(second)
const uploadUrl = second.url
console.log(JSON.stringify({ uploadUrl, uploadId: uploadUrl.substring(uploadUrl.lastIndexOf('/') + 1), resumedAt, sha256, size: bytes.length }))
