import { reactive } from 'vue'
import type { DetailedError, HttpRequest, Upload, UploadOptions } from 'tus-js-client'

export type UploadPhase = 'hashing' | 'uploading' | 'paused' | 'uploaded' | 'failed'

/** The part of tus-js-client's Upload the task uses, so tests can stand in for the network. */
export type TusUpload = Pick<Upload, 'url' | 'start' | 'abort' | 'findPreviousUploads' | 'resumeFromPreviousUpload'>

export interface UploadDependencies {
  sha256: (file: File, onProgress: (fraction: number) => void) => Promise<string>
  precheck: (body: { sha256: string; size: number }) => Promise<{ instant: boolean; uploadId?: string }>
  createTus: (file: File, options: UploadOptions) => TusUpload
  endpoint: () => string
  accessToken: () => Promise<string | null>
  idFromUrl: (url: string) => string
}

const CHUNK_BYTES = 8 * 1024 * 1024

/**
 * One file on its way to the server: hashed for instant upload (秒传), else sent over tus in chunks with
 * pause and resume (also across a page reload: tus-js-client remembers the upload by fingerprint).
 * The id for `POST /videos` is known as soon as the server created the upload, before the bytes are in.
 */
export class UploadTask {
  readonly state = reactive({
    phase: 'hashing' as UploadPhase,
    hashPercent: 0,
    percent: 0,
    bytesSent: 0,
    bytesTotal: 0,
    /** Bytes per second over the last few seconds. */
    speed: 0,
    uploadId: null as string | null,
    instant: false,
    error: null as string | null,
  })
  private tus: TusUpload | null = null
  private lastSample = { at: 0, bytes: 0 }
  private readonly idWaiters: ((id: string) => void)[] = []

  constructor(
    readonly file: File,
    private readonly deps: UploadDependencies,
  ) {
    this.state.bytesTotal = file.size
  }

  async start() {
    try {
      const sha256 = await this.deps.sha256(
        this.file,
        (fraction) => (this.state.hashPercent = Math.round(fraction * 100)),
      )
      const check = await this.deps.precheck({ sha256, size: this.file.size })
      if (check.instant && check.uploadId) {
        this.state.instant = true
        this.identify(check.uploadId)
        this.finish()
        return
      }
      this.tus = this.deps.createTus(this.file, this.options(sha256))
      const previous = await this.tus.findPreviousUploads()
      if (previous[0]) this.tus.resumeFromPreviousUpload(previous[0])
      this.state.phase = 'uploading'
      this.tus.start()
    } catch (error) {
      this.fail(error)
    }
  }

  pause() {
    if (this.state.phase !== 'uploading' || !this.tus) return
    void this.tus.abort()
    this.state.phase = 'paused'
    this.state.speed = 0
  }

  resume() {
    if (this.state.phase !== 'paused' || !this.tus) return
    this.state.phase = 'uploading'
    this.lastSample = { at: 0, bytes: this.state.bytesSent }
    this.tus.start()
  }

  /** Stops and tells the server to drop what it received. */
  async cancel() {
    await this.tus?.abort(true).catch(() => {})
    this.state.phase = 'failed'
  }

  /** Resolves with the upload id once the server has created the upload. */
  uploadId(): Promise<string> {
    if (this.state.uploadId) return Promise.resolve(this.state.uploadId)
    return new Promise((resolve) => this.idWaiters.push(resolve))
  }

  private options(sha256: string): UploadOptions {
    return {
      endpoint: this.deps.endpoint(),
      chunkSize: CHUNK_BYTES,
      retryDelays: [0, 1000, 3000, 5000, 10_000],
      metadata: { filename: this.file.name, filetype: this.file.type, sha256 },
      removeFingerprintOnSuccess: true,
      // A token is fetched for every request: a long upload outlives a 15-minute access token.
      onBeforeRequest: async (request: HttpRequest) => {
        const token = await this.deps.accessToken()
        if (token) request.setHeader('Authorization', `Bearer ${token}`)
      },
      onUploadUrlAvailable: () => {
        if (this.tus?.url) this.identify(this.deps.idFromUrl(this.tus.url))
      },
      onProgress: (sent, total) => this.progress(sent, total),
      onSuccess: () => this.finish(),
      onError: (error) => this.fail(error),
      // Retry what a retry can fix (network, 5xx, 409/423 offset races), never a refusal such as 413 or 403.
      onShouldRetry: (error: DetailedError) => {
        const status = error.originalResponse?.getStatus() ?? 0
        return status === 0 || status >= 500 || status === 409 || status === 423
      },
    }
  }

  private identify(id: string) {
    this.state.uploadId = id
    this.idWaiters.splice(0).forEach((resolve) => resolve(id))
  }

  private progress(sent: number, total: number) {
    this.state.bytesSent = sent
    this.state.bytesTotal = total
    this.state.percent = total ? Math.floor((sent / total) * 100) : 0
    const now = Date.now()
    if (this.lastSample.at === 0) {
      this.lastSample = { at: now, bytes: sent }
    } else if (now - this.lastSample.at >= 1000) {
      this.state.speed = ((sent - this.lastSample.bytes) * 1000) / (now - this.lastSample.at)
      this.lastSample = { at: now, bytes: sent }
    }
  }

  private finish() {
    this.state.phase = 'uploaded'
    this.state.percent = 100
    this.state.bytesSent = this.state.bytesTotal
    this.state.speed = 0
  }

  private fail(error: unknown) {
    this.state.phase = 'failed'
    this.state.speed = 0
    const response = (error as DetailedError)?.originalResponse
    let reason = error instanceof Error ? error.message : String(error)
    try {
      const problem = response ? (JSON.parse(response.getBody()) as { detail?: string; title?: string }) : null
      reason = problem?.detail ?? problem?.title ?? reason
    } catch {
      // Not problem+json; the client's own message stands.
    }
    this.state.error = reason
  }
}
