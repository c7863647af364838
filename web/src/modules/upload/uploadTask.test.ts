import { describe, expect, it, vi } from 'vitest'
import type { UploadOptions } from 'tus-js-client'
import { sha256OfFile } from './sha256'
import { UploadTask, type TusUpload, type UploadDependencies } from './uploadTask'

/** A tus upload that the test drives: it reports what a server would, when the test says so. */
class FakeTus implements TusUpload {
  url: string | null = null
  starts = 0
  aborted: boolean[] = []
  resumedFrom: string | null = null
  constructor(readonly options: UploadOptions) {}
  start() {
    this.starts++
  }
  async abort(terminate = false) {
    this.aborted.push(terminate)
  }
  async findPreviousUploads() {
    return []
  }
  resumeFromPreviousUpload(previous: Parameters<TusUpload['resumeFromPreviousUpload']>[0]) {
    this.resumedFrom = previous.uploadUrl
  }
  created(url: string) {
    this.url = url
    this.options.onUploadUrlAvailable?.()
  }
}

function setup(precheck: UploadDependencies['precheck'] = async () => ({ instant: false })) {
  let tus: FakeTus | null = null
  const deps: UploadDependencies = {
    sha256: async (_file, onProgress) => {
      onProgress(1)
      return 'ab'.repeat(32)
    },
    precheck: vi.fn(precheck),
    createTus: (_file, options) => (tus = new FakeTus(options)),
    endpoint: () => 'http://site/api/v1/uploads',
    accessToken: async () => 'token-1',
    idFromUrl: (url) => url.split('/').pop()!,
  }
  const file = new File([new Uint8Array(1000)], 'my video.mp4', { type: 'video/mp4' })
  return { task: new UploadTask(file, deps), deps, tus: () => tus! }
}

describe('UploadTask', () => {
  it('sends nothing when the server already has the same bytes (秒传)', async () => {
    const { task, deps } = setup(async () => ({ instant: true, uploadId: 'u-same' }))
    await task.start()
    expect(deps.precheck).toHaveBeenCalledWith({ sha256: 'ab'.repeat(32), size: 1000 })
    expect(task.state).toMatchObject({ phase: 'uploaded', instant: true, percent: 100, uploadId: 'u-same' })
  })

  it('uploads over tus with the file name, hash and token, and knows the upload id once created', async () => {
    const { task, tus } = setup()
    await task.start()
    expect(task.state.phase).toBe('uploading')
    expect(tus().options.metadata).toMatchObject({ filename: 'my video.mp4', sha256: 'ab'.repeat(32) })
    const headers: Record<string, string> = {}
    await tus().options.onBeforeRequest?.({ setHeader: (k: string, v: string) => (headers[k] = v) } as never)
    expect(headers.Authorization).toBe('Bearer token-1')

    const id = task.uploadId()
    tus().created('http://site/api/v1/uploads/u-123')
    expect(await id).toBe('u-123')
  })

  it('shows progress, pauses, resumes and reaches 100%', async () => {
    const { task, tus } = setup()
    await task.start()
    tus().options.onProgress?.(250, 1000)
    expect(task.state.percent).toBe(25)

    task.pause()
    expect(task.state.phase).toBe('paused')
    expect(tus().aborted).toEqual([false])

    task.resume()
    expect(task.state.phase).toBe('uploading')
    expect(tus().starts).toBe(2)

    tus().options.onProgress?.(1000, 1000)
    tus().options.onSuccess?.({} as never)
    expect(task.state).toMatchObject({ phase: 'uploaded', percent: 100 })
  })

  it('tells the uploader why the server refused the file', async () => {
    const { task, tus } = setup()
    await task.start()
    tus().options.onError?.(
      Object.assign(new Error('tus: unexpected response'), {
        originalResponse: { getStatus: () => 413, getBody: () => '{"detail":"文件超过 4 GiB 上限"}' },
      }) as never,
    )
    expect(task.state).toMatchObject({ phase: 'failed', error: '文件超过 4 GiB 上限' })
  })

  it('retries network failures and server errors, but not refusals', async () => {
    const { task, tus } = setup()
    await task.start()
    const retry = (status: number) =>
      tus().options.onShouldRetry?.({ originalResponse: status ? { getStatus: () => status } : null } as never, 0, {})
    expect(retry(0)).toBe(true)
    expect(retry(503)).toBe(true)
    expect(retry(413)).toBe(false)
    expect(retry(403)).toBe(false)
  })
})

describe('sha256OfFile', () => {
  it('hashes a file slice by slice to the standard digest', async () => {
    const progress: number[] = []
    const digest = await sha256OfFile(new Blob(['abc']), (f) => progress.push(f))
    expect(digest).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(progress.at(-1)).toBe(1)
  })
})
