import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppStore } from '.'
import { createApi } from '../api'
import { createClient } from '../api/client'
import { createTokenStore } from '../api/session'
import { blobSource } from '../api/tus'
import { jwt, memoryStorage } from '../test/fakeServer'
import { fetchTransport, startTusServer } from '../test/tusServer'
import { splitTags } from './modules/upload'

const user = { uid: '7', nickname: '小明' }
let server
afterEach(() => server?.close())

/** The app's store, signed in, against a real tus server and these JSON routes. */
async function storeWith(routes, options) {
  server = await startTusServer({ routes, ...options })
  const tokens = createTokenStore(memoryStorage())
  tokens.write({ accessToken: jwt('7'), refreshToken: 'R1' })
  tokens.saveUser(user)
  const api = createApi(createClient({ baseUrl: server.baseUrl, transport: fetchTransport, tokens }))
  return createAppStore({ api, tokens, storage: memoryStorage() })
}

const draft = { title: ' 我的第一个视频 ', description: '简介', partition: 'anime', tags: ['原神', '攻略'] }
const file = (size = 3000) => blobSource(new File([randomBytes(size)], 'clip.mp4'))

describe('投稿 from the phone', () => {
  it('uploads, submits the draft with the upload id and shows the new video first in 投稿', async () => {
    let submitted
    const listed = []
    const store = await storeWith({
      'POST /api/v1/uploads/precheck': () => ({ instant: false }),
      'POST /api/v1/videos': (body) => {
        submitted = body
        listed.unshift({ bvid: 'BVnew', title: body.title, state: 'UPLOADING' })
        return { status: 201, body: { bvid: 'BVnew', state: 'UPLOADING' } }
      },
      'GET /api/v1/users/7/videos': () => ({ items: listed, nextCursor: null }),
    })
    const phases = []
    store.subscribe((mutation, state) => mutation.type === 'upload/progress' && phases.push(state.upload.phase))
    const bvid = await store.dispatch('upload/publish', { source: file(), draft })
    expect(bvid).toBe('BVnew')
    expect(submitted).toEqual({
      uploadId: expect.stringMatching(/^[0-9a-f]{32}$/),
      title: '我的第一个视频',
      description: '简介',
      partition: 'anime',
      tags: ['原神', '攻略'],
    })
    expect(server.stored(submitted.uploadId)).toHaveLength(3000)
    expect(store.state.upload).toMatchObject({ phase: 'done', percent: 100, bvid: 'BVnew', error: null })
    expect([...new Set(phases)]).toEqual(['hashing', 'uploading', 'submitting'])
    expect(store.state.me.uploads.items[0]).toMatchObject({ bvid: 'BVnew', state: 'UPLOADING' })
  })

  it('says in Chinese what is missing before sending anything', async () => {
    const store = await storeWith({})
    await expect(store.dispatch('upload/publish', { source: null, draft: { title: '' } })).rejects.toThrow('请先选择要上传的视频')
    expect(store.state.upload.fieldErrors).toEqual({ file: '请先选择要上传的视频', title: '请填写标题', partition: '请选择分区' })
    await expect(store.dispatch('upload/publish', { source: file(), draft: { ...draft, title: '长'.repeat(81) } })).rejects.toThrow(
      '标题最多 80 个字',
    )
    await expect(
      store.dispatch('upload/publish', { source: file(), draft: { ...draft, tags: splitTags('1 2 3 4 5 6 7 8 9 10 11') } }),
    ).rejects.toThrow('标签最多 10 个')
    expect(store.state.upload.phase).toBe('failed')
    expect(server.requests).toEqual([])
  })

  it('says a file is too large, and shows the server’s field messages for the draft', async () => {
    const store = await storeWith(
      {
        'POST /api/v1/uploads/precheck': () => ({ instant: true, uploadId: 'u1' }),
        'POST /api/v1/videos': () => ({
          status: 400,
          body: { code: 'VALIDATION_FAILED', errors: [{ field: 'partition', message: '没有这个分区' }] },
        }),
      },
      { maxSize: 1024 * 1024 },
    )
    await expect(store.dispatch('upload/publish', { source: file(1024 * 1024 + 1), draft })).rejects.toThrow('视频太大：最大 1 MB')
    expect(store.state.upload.fieldErrors).toEqual({ file: '视频太大：最大 1 MB' })
    await expect(store.dispatch('upload/publish', { source: file(1024 * 1024), draft })).rejects.toThrow('没有这个分区')
    expect(store.state.upload.fieldErrors).toEqual({ partition: '没有这个分区' })
  })

  it('splits tags typed with spaces and commas, once each', () => {
    expect(splitTags(' 原神，攻略, 新手  原神、日常 ')).toEqual(['原神', '攻略', '新手', '日常'])
    expect(splitTags('')).toEqual([])
  })
})
