import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import skipFormatting from 'eslint-config-prettier/flat'

// The app's code, its tests and scripts. uni-app's globals (uni, wx, getCurrentPages, getApp) are the platform's.
export default [
  { name: 'mobile/ignores', ignores: ['dist/**', 'unpackage/**', 'node_modules/**'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    name: 'mobile/globals',
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: {
        ...globals.browser,
        ...globals.node,
        uni: 'readonly',
        wx: 'readonly',
        getCurrentPages: 'readonly',
        getApp: 'readonly',
      },
    },
  },
  {
    name: 'mobile/rules',
    rules: {
      // User text is always rendered as text: no HTML injection anywhere.
      'vue/no-v-html': 'error',
      // Pages are named after their folder (pages/me/me.vue), as uni-app wants them.
      'vue/multi-word-component-names': 'off',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Layout is not ESLint's job: the code keeps the Prettier style of web/ (2 spaces, no semicolons, width 120).
  skipFormatting,
]
