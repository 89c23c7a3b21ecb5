/**
 * initBackend on WebGL and Deep Sky's WebGL Conv2DBackpropFilter, in headless Chromium (SwiftShader WebGL): see
 * pages/webgl-kernels.ts.
 */
import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';
import type {WebGlKernelReport} from './pages/webgl-kernels';

const app = useApp();

describe('WebGL Conv2DBackpropFilter (split-K) in Chromium', () => {
  it("matches the cpu backend and tfjs' own kernel on every geometry, without leaks", async () => {
    const page = await app.open('/tests/browser/pages/webgl-kernels.html');
    await page.waitForFunction(() => 'webglKernels' in globalThis, undefined, {timeout: 150_000});
    const report = await page.evaluate(() => (globalThis as unknown as {webglKernels: WebGlKernelReport}).webglKernels);
    expect(report.error).toBeUndefined();
    // SwiftShader's WebGL renders float32 (measured by initBackend, which also corrects tfjs' inverted answer).
    expect(report.backend).toMatchObject({
      backend: 'webgl',
      floatPrecision: 32,
      warnings: [],
      kernels: [{kernelName: 'Conv2DBackpropFilter', backendName: 'webgl', replacesTfjs: true}],
    });
    expect(report.tfjsFloatPrecision).toBe(32);
    const tolerance = 1e-5;
    expect(report.cases.length).toBe(9);
    for (const c of report.cases) {
      expect(c.vsCpu, `${c.name} (tfjs' own kernel is off by ${c.tfjsVsCpu})`).toBeLessThan(tolerance);
      expect(c.vsTfjs, c.name).toBeLessThan(tolerance);
    }
    expect([report.leakedTensors, report.leakedBuffers]).toEqual([0, 0]);
    expect(app.errors).toEqual([]);
  });
});
