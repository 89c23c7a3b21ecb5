import {defineConfig} from 'vitest/config';
import {dawnProcessEnv} from './src/lib/node/dawn.ts';

// Test workers are forked processes: the environment set here is what they start with, which is what Dawn's Vulkan
// loader needs (LD_LIBRARY_PATH is read only at process start).
Object.assign(process.env, dawnProcessEnv());

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/setup-cpu.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'webgpu',
          include: ['tests/webgpu/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // SwiftShader uses every core it gets; one file at a time keeps timings sane on small machines.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/browser-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
