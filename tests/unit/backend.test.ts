import {describe, expect, it} from 'vitest';
import {initBackend, tf} from '../../src/lib';

describe('initBackend', () => {
  it('falls through to the cpu backend in Node and says why the others were skipped', async () => {
    const report = await initBackend({prefer: ['webgl', 'cpu']});
    expect(report.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(report.runsOnCpu).toBe(true);
    expect(report.skipped).toEqual([{backend: 'webgl', reason: expect.stringMatching(/WebGL/)}]);
  });

  it('reports webgpu as unavailable where navigator.gpu is missing', async () => {
    const report = await initBackend({prefer: ['webgpu', 'cpu']});
    expect(report.skipped[0]).toEqual({backend: 'webgpu', reason: expect.stringMatching(/navigator\.gpu/)});
  });

  it('rejects an empty preference list with a clear message', async () => {
    await expect(initBackend({prefer: []})).rejects.toThrow(/prefer.*empty/);
  });
});
