/**
 * Vite build of the Huntbook app into dist/ (committed: `huntbook serve` serves it as is).
 * Monaco's workers (editor, TypeScript, Kusto) are separate module chunks made by `?worker`
 * imports in src/editor/workers.ts, so they load from the app's own origin ('self').
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Kusto.Language (Bridge.NET, in the kusto worker) reads Node's `global`
  define: { global: 'globalThis' },
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
      '/v1': 'http://127.0.0.1:8080',
    },
  },
});
