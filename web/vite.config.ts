import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard: Preact through Vite 8's oxc JSX transform (no preset plugin needed), built to web/dist, which
 * src/server serves at /. `npx vite --config web/vite.config.ts` serves it in development with the API proxied to a
 * running `npm start` (PORT 8080).
 */
const api = process.env.RADAR_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    // .vite/manifest.json: the chunk graph, read by test/web/bundle-size.test.ts.
    manifest: true,
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is one lazily loaded chunk of ~1 MB raw (~330 KB gz); it is not part of the initial bundle.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': api, '/openapi.json': api, '/health': api } },
});
