// A video uploaded through the public API as any tus client does (creation, then one PATCH), then submitted.
import { readFileSync } from 'node:fs'

async function call(baseUrl, method, path, token, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
  return response.status === 204 ? null : response.json()
}

/** A new account: `{accessToken, user}`. */
export function register(baseUrl, username, nickname) {
  return call(baseUrl, 'POST', '/api/v1/auth/register', null, { username, password: `pw-${username}-secret`, nickname })
}

/** Uploads `file` and submits it as a video titled `title`; resolves to its bvid. */
export async function uploadVideo(baseUrl, token, file, title) {
  const bytes = readFileSync(file)
  const created = await fetch(`${baseUrl}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(bytes.length),
      'Upload-Metadata': `filename ${Buffer.from('clip.mp4').toString('base64')}`,
    },
  })
  if (created.status !== 201) throw new Error(`the tus upload was not created (${created.status})`)
  const uploadId = new URL(created.headers.get('location'), baseUrl).pathname.split('/').pop()
  const patched = await fetch(`${baseUrl}/api/v1/uploads/${uploadId}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${token}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
    },
    body: bytes,
  })
  if (patched.status !== 204) throw new Error(`the tus upload was refused (${patched.status})`)
  const video = await call(baseUrl, 'POST', '/api/v1/videos', token, {
    uploadId,
    title,
    description: `${title}：链接预览、oEmbed 与嵌入播放的测试视频`,
    partition: 'anime',
    tags: ['分享测试'],
  })
  return video.bvid
}

/** Resolves to the video once it reaches one of `states` (its owner sees every state). */
export async function awaitState(baseUrl, token, bvid, states, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const video = await call(baseUrl, 'GET', `/api/v1/videos/${bvid}`, token)
    if (states.includes(video.state)) return video
    if (Date.now() > deadline) throw new Error(`video ${bvid} is still ${video.state}`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

export { call as apiCall }
