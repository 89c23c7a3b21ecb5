import {defineConfig} from 'vite';

export default defineConfig({
  worker: {format: 'es'},
  build: {
    target: 'es2022',
    // tfjs and its backends are one large chunk by nature; say so only past 4 MB.
    chunkSizeWarningLimit: 4096,
  },
  server: {host: 'localhost'},
  preview: {host: 'localhost'},
});
