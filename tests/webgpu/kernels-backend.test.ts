/**
 * initBackend on Dawn/SwiftShader: the report (kernels, warnings), the per-tensor limit from the device, and device
 * loss (last: it ends WebGPU for this test file's process).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type {WebGPUBackend} from '@tensorflow/tfjs-backend-webgpu';
import {describe, expect, it, vi} from 'vitest';
import {assertBatchFits, initBackend, onBackendLost, tensorByteLimit, type BackendLostEvent} from '../../src/lib/backend';
import {setupWebGpuBackend} from '../helpers/webgpu';

const gpu = await setupWebGpuBackend();

describe.skipIf(gpu.skipReason)(`initBackend on webgpu (${gpu.adapter})`, () => {
  it('reports our kernels, the software adapter and the Node read-back trap', async () => {
    const report = await initBackend({prefer: ['webgpu', 'wasm', 'cpu']});
    expect(report.backend).toBe('webgpu');
    expect(report.kernels).toEqual([{kernelName: 'Conv2DBackpropFilter', backendName: 'webgpu', replacesTfjs: true}]);
    expect(report.warnings).toEqual([expect.stringMatching(/software renderer/), expect.stringMatching(/await tensor\.data\(\)/)]);
  });

  it("takes the per-tensor limit from the device and refuses a batch over it", () => {
    const device = (tf.backend() as WebGPUBackend).device;
    const limit = tensorByteLimit();
    expect(limit?.maxBytes).toBe(Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize));
    const model = tf.sequential({layers: [tf.layers.conv2d({inputShape: [256, 256, 4], filters: 64, kernelSize: 3, padding: 'same'})]});
    const perSample = 256 * 256 * 64 * 4;
    const tooMany = Math.floor(limit!.maxBytes / perSample) + 1;
    expect(() => assertBatchFits(model, tooMany)).toThrow(/does not fit this device/);
    expect(() => assertBatchFits(model, tooMany - 1)).not.toThrow();
    model.dispose();
  });

  it('falls back to the next backend when the device is lost, and tells subscribers', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const event = new Promise<BackendLostEvent>((resolve) => onBackendLost(resolve));
    (tf.backend() as WebGPUBackend).device.destroy();
    const lost = await event;
    expect(lost).toMatchObject({backend: 'webgpu', reason: 'destroyed', fallback: {backend: 'wasm'}});
    expect(tf.getBackend()).toBe('wasm');
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/WebGPU device was lost.*Switched to the wasm backend/));
    // Training continues on the fallback backend...
    const y = tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'valid');
    expect(Array.from(await y.data())).toEqual([9, 9, 9, 9]);
    // ...and WebGPU is not offered again in this session, with the reason.
    const again = await initBackend({prefer: ['webgpu', 'cpu']});
    expect(again.skipped).toEqual([{backend: 'webgpu', reason: expect.stringMatching(/lost earlier in this session/)}]);
    errors.mockRestore();
  });
});
