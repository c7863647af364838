import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vitest/config'

// The dev server proxies the API to a running platform (./start.sh), so `npm run dev` needs no CORS setup.
const gateway = process.env.OPENBILI_GATEWAY ?? 'http://localhost:8080'
// Element Plus is imported per component, with its SCSS sources so our theme variables apply.
const elementPlus = ElementPlusResolver({ importStyle: 'sass' })

export default defineConfig({
  plugins: [
    vue(),
    // Only Element Plus services (ElMessage, ElMessageBox) are auto-imported; our own code imports explicitly.
    AutoImport({ resolvers: [elementPlus], dts: 'src/auto-imports.d.ts' }),
    Components({ resolvers: [elementPlus], dts: 'src/components.d.ts', dirs: [] }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  css: {
    preprocessorOptions: {
      scss: { additionalData: `@use "@/styles/element/index.scss" as *;` },
    },
  },
  server: {
    proxy: {
      '/api': { target: gateway, ws: true },
      '/media': gateway,
      '/oauth2': gateway,
    },
  },
  build: {
    // hls.js and ECharts are large by nature and live in their own lazily loaded chunks.
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    // Element Plus components import their styles; Vite (not Node) has to load those.
    server: { deps: { inline: ['element-plus'] } },
    unstubGlobals: true,
  },
})
