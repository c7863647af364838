import { UploadError, uploadVideoFile } from '../../api/tus'

const MAX_TITLE = 80
const MAX_DESCRIPTION = 2000
const MAX_TAGS = 10
const MAX_TAG = 20

/** "原神 攻略，新手" → ["原神", "攻略", "新手"]: tags typed with spaces or commas between them. */
export function splitTags(text) {
  return [...new Set(String(text ?? '').split(/[\s,，、]+/).filter(Boolean))]
}

/** What is wrong with a draft before anything is sent, field by field, in words people read. */
export function draftProblems(source, draft) {
  const problems = {}
  if (!source) problems.file = '请先选择要上传的视频'
  else if (!source.size) problems.file = '这个视频是空的，请换一个'
  const title = (draft.title ?? '').trim()
  if (!title) problems.title = '请填写标题'
  else if (title.length > MAX_TITLE) problems.title = `标题最多 ${MAX_TITLE} 个字`
  if ((draft.description ?? '').length > MAX_DESCRIPTION) problems.description = `简介最多 ${MAX_DESCRIPTION} 个字`
  if (!draft.partition) problems.partition = '请选择分区'
  const tags = draft.tags ?? []
  if (tags.length > MAX_TAGS) problems.tags = `标签最多 ${MAX_TAGS} 个`
  else if (tags.some((tag) => tag.length > MAX_TAG)) problems.tags = `每个标签最多 ${MAX_TAG} 个字`
  return problems
}

const idle = () => ({ phase: 'idle', percent: 0, fieldErrors: {}, error: null, bvid: null, instant: false })

/**
 * 投稿 from the phone: checks the draft, uploads the file (秒传 or tus), submits the video and refreshes the
 * list of uploads. `phase`: idle → hashing → uploading → submitting → done, or failed with `error` and
 * `fieldErrors`. `storage` keeps unfinished tus uploads so a new try resumes them.
 */
export function uploadModule({ api, storage }) {
  return {
    namespaced: true,
    state: idle,
    getters: {
      busy: (state) => ['hashing', 'uploading', 'submitting'].includes(state.phase),
    },
    mutations: {
      progress(state, { phase, percent }) {
        state.phase = phase
        state.percent = Math.min(100, Math.floor(percent))
      },
      failed(state, { error, fieldErrors = {} }) {
        state.phase = 'failed'
        state.error = error
        state.fieldErrors = fieldErrors
      },
      done(state, { bvid, instant }) {
        Object.assign(state, { phase: 'done', percent: 100, bvid, instant })
      },
      reset: (state) => Object.assign(state, idle()),
    },
    actions: {
      async publish({ commit, dispatch, getters }, { source, draft }) {
        if (getters.busy) return null
        commit('reset')
        const problems = draftProblems(source, draft)
        if (Object.keys(problems).length) {
          const [field, message] = Object.entries(problems)[0]
          commit('failed', { error: message, fieldErrors: problems })
          throw new UploadError(field, message)
        }
        try {
          commit('progress', { phase: 'hashing', percent: 0 })
          const { uploadId, instant } = await uploadVideoFile({
            client: api.client,
            source,
            storage,
            onProgress: (progress) => commit('progress', progress),
          })
          commit('progress', { phase: 'submitting', percent: 100 })
          const { bvid } = await api.videos.create({
            uploadId,
            title: draft.title.trim(),
            description: (draft.description ?? '').trim(),
            partition: draft.partition,
            tags: draft.tags ?? [],
          })
          commit('done', { bvid, instant })
          await dispatch('me/loadUploads', true, { root: true }).catch(() => {})
          return bvid
        } catch (error) {
          const fieldErrors = {}
          if (error.field) fieldErrors[error.field] = error.message
          for (const { field, message } of error.fieldErrors ?? []) fieldErrors[field] = message
          commit('failed', { error: error.message, fieldErrors })
          throw error
        }
      },
    },
  }
}
