import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';
import { preloadWorkbench } from './preloadWorkbench';

/** The workbench UI: its own Vite root; `npm run build` puts it in web/dist, which `koda serve` serves. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), preloadWorkbench(), precompress()],
  // ECharts (the query views' charts) is its own chunk of about 540 kB, loaded on the first chart.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: {
    // `npx vite --config web/vite.config.ts` next to `koda serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:4312' },
    fs: { allow: ['..'] },
  },
});
