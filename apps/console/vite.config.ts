import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console builds to dist/console, which the API serves at `/`. Asset names carry a content
 * hash, so the API may let browsers cache them for a year; index.html is always revalidated.
 * `npm run dev:console` serves it with hot reload, proxying /v1 to an API on port 3000.
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
