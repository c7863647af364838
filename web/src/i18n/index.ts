import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elementEn from 'element-plus/es/locale/lang/en'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import zhCN from './zh-CN'

export type Messages = typeof zhCN
export type Locale = 'zh-CN' | 'en-US'

// Message keys are checked by the compiler: t('video.lik') does not build.
declare module 'vue-i18n' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}

const STORAGE_KEY = 'openbili.locale'
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null

/** Chinese first; English is loaded only when someone picks it, so the first page stays small. */
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as Record<Locale, Messages>,
})

export const elementLocale = computed(() => (i18n.global.locale.value === 'en-US' ? elementEn : elementZhCn))

export async function setLocale(locale: Locale) {
  if (!i18n.global.availableLocales.includes(locale)) {
    const messages = locale === 'en-US' ? (await import('./en-US')).default : zhCN
    i18n.global.setLocaleMessage(locale, messages)
  }
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  localStorage.setItem(STORAGE_KEY, locale)
}

if (saved === 'en-US') void setLocale(saved)
