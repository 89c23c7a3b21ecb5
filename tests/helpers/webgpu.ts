/**
 * "Give me the webgpu backend": every WebGPU test in Node starts here. It installs Dawn (SwiftShader on GPU-less
 * machines), imports tfjs' webgpu backend and makes it the active one.
 *
 * The tests are skipped, with the reason printed, only when the SwiftShader ICD file is absent (no chromium
 * package). Any other failure is a real failure and throws.
 */
import {existsSync} from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import {installDawnWebGpu, SWIFTSHADER_ICD} from '../../src/lib/node';

export interface WebGpuTestBackend {
  /** Set when the tests must be skipped on this machine; pass it to `describe.skipIf`. */
  skipReason?: string;
  /** The adapter's vendor and description, for test names. */
  adapter: string;
}

let ready: Promise<WebGpuTestBackend> | undefined;

export function setupWebGpuBackend(): Promise<WebGpuTestBackend> {
  ready ??= setup();
  return ready;
}

async function setup(): Promise<WebGpuTestBackend> {
  const icd = process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD;
  if (!existsSync(icd)) {
    const skipReason = `webgpu tests skipped: no Vulkan ICD at ${icd} (apt-get install chromium, or set VK_ICD_FILENAMES)`;
    console.warn(skipReason);
    return {skipReason, adapter: 'none'};
  }
  const dawn = await installDawnWebGpu();
  if (!dawn.ok) throw new Error(`webgpu test setup failed: ${dawn.reason}`);
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu test setup failed: tf.setBackend("webgpu") returned false');
  await tf.ready();
  return {adapter: dawn.adapter};
}
