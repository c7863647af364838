import { shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { Upload } from 'tus-js-client'
import { api, type VideoDraft } from '@/api'
import { followProcessing } from './processing'
import { sha256OfFile } from './sha256'
import { UploadTask } from './uploadTask'

export type DraftFields = Omit<VideoDraft, 'uploadId'>

/**
 * The upload in progress in the creator center. It lives in a store so that looking at 稿件管理 or
 * another page meanwhile does not stop it.
 */
export const useUploadStore = defineStore('upload', () => {
  const task = shallowRef<UploadTask | null>(null)
  const submitted = shallowRef<{ bvid: string; processing: ReturnType<typeof followProcessing> } | null>(null)

  function begin(file: File) {
    reset()
    task.value = new UploadTask(file, {
      sha256: sha256OfFile,
      precheck: api.uploads.precheck,
      createTus: (f, options) => new Upload(f, options),
      endpoint: api.uploads.endpoint,
      accessToken: () => api.client.freshAccessToken(),
      idFromUrl: api.uploads.idFromUrl,
    })
    void task.value.start()
  }

  /** Publishes the video; allowed while the bytes still arrive (the server waits for them). */
  async function submit(draft: DraftFields) {
    if (!task.value) return
    const uploadId = await task.value.uploadId()
    const { bvid } = await api.videos.create({ uploadId, ...draft })
    submitted.value = { bvid, processing: followProcessing(bvid) }
    return bvid
  }

  function reset() {
    if (
      task.value &&
      (task.value.state.phase === 'uploading' || task.value.state.phase === 'paused') &&
      !submitted.value
    ) {
      void task.value.cancel()
    }
    submitted.value?.processing.stop()
    task.value = null
    submitted.value = null
  }

  return { task, submitted, begin, submit, reset }
})
