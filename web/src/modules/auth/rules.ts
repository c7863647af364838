import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'

const t = i18n.global.t

/** The account rules of the auth service, checked before sending so mistakes show at once. */
export const accountRules = {
  username: [
    { required: true, pattern: /^[A-Za-z0-9_]{3,20}$/, message: () => t('auth.rules.username'), trigger: 'blur' },
  ],
  password: [
    {
      required: true,
      trigger: 'blur',
      validator: (_rule: unknown, value: string, done: (error?: Error) => void) =>
        value && value.length >= 8 && !/^\d+$/.test(value) ? done() : done(new Error(t('auth.rules.password'))),
    },
  ],
  nickname: [{ required: true, min: 1, max: 16, message: () => t('auth.rules.nickname'), trigger: 'blur' }],
} satisfies Record<string, FormItemRule[]>
