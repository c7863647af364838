import { defineConfig } from 'vitest/config'

// The store and API modules are plain JavaScript: they are tested without uni-app's compiler.
export default defineConfig({
  test: {
    include: ['src/**/*.test.js'],
    environment: 'node',
  },
})
