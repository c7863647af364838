import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { useTitle } from '@vueuse/core'
import { i18n } from '@/i18n'

/** The tab's title: "<page> - OpenBili", or the site's own title on the home page. */
export function usePageTitle(page: MaybeRefOrGetter<string | null | undefined>) {
  useTitle(
    computed(() => {
      const name = toValue(page)
      const site = i18n.global.t('app.name')
      return name ? `${name} - ${site}` : `${site} ${i18n.global.t('app.slogan')}`
    }),
  )
}
