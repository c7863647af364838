import { reactive } from 'vue'
import { ApiError } from '@/api'
import { i18n } from '@/i18n'

/** Tells the user why an action failed: the server's message, or a network hint when there was no answer. */
export function showError(error: unknown) {
  const message = error instanceof ApiError ? error.message : i18n.global.t('common.networkError')
  ElMessage.error(message)
}

/**
 * Field messages from a refused form (problem+json `errors`), for `<el-form-item :error>`; a refusal
 * that names no field is shown as a message instead.
 */
export function useServerErrors() {
  const fields = reactive<Record<string, string>>({})

  function clear() {
    for (const key of Object.keys(fields)) delete fields[key]
  }

  function capture(error: unknown) {
    clear()
    if (error instanceof ApiError && error.fieldErrors.length > 0) {
      for (const { field, message } of error.fieldErrors) fields[field] = message
    } else {
      showError(error)
    }
  }

  return { fields, capture, clear }
}
