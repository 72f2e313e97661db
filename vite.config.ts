import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** The browser client: root `client/`, built to `dist/client/`, app-wide assets served from `assets/`. */
export default defineConfig({
  root: 'client',
  publicDir: '../assets',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    assetsDir: '_app',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/scenes': 'http://localhost:8080',
      '/twirp': 'http://localhost:8080',
      // WebXR controller and hand models come from the server (server/http/routes/xr-profiles.ts).
      '/xr/profiles': 'http://localhost:8080',
      '/collab': { target: 'ws://localhost:8080', ws: true },
      '/rtc': { target: 'ws://localhost:8080', ws: true },
    },
  },
})
