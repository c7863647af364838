import js from '@eslint/js'
import globals from 'globals'

export default [
  { ignores: ['node_modules/', 'target/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.js', 'test/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.node },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // The embeddable player runs in any browser a third-party page is opened in: a plain script, no modules.
    files: ['src/embed/assets/**/*.js'],
    languageOptions: { ecmaVersion: 2019, sourceType: 'script', globals: globals.browser },
  },
]
