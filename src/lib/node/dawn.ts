/**
 * WebGPU in Node through Dawn (the `webgpu` npm package). On machines without a GPU, Dawn runs on SwiftShader, the
 * CPU Vulkan driver that Debian's chromium package ships: correct but slow, which is what tests need.
 */
import {existsSync} from 'node:fs';
import {delimiter} from 'node:path';

export const CHROMIUM_LIB_DIR = '/usr/lib/chromium';
export const SWIFTSHADER_ICD = `${CHROMIUM_LIB_DIR}/vk_swiftshader_icd.json`;

export type DawnSetup = {ok: true; adapter: string} | {ok: false; reason: string};

/**
 * Environment a Node process needs, set before it starts, to reach SwiftShader: the ICD file, a runtime dir, and
 * chromium's own copy of the Vulkan loader for machines without Debian's `libvulkan1` (the dynamic loader reads
 * LD_LIBRARY_PATH only at process start, hence a child-process environment rather than a runtime setting).
 */
export function dawnProcessEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = {...base};
  env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;
  env.XDG_RUNTIME_DIR ??= '/tmp';
  const paths = (env.LD_LIBRARY_PATH ?? '').split(delimiter).filter(Boolean);
  if (existsSync(`${CHROMIUM_LIB_DIR}/libvulkan.so.1`) && !paths.includes(CHROMIUM_LIB_DIR)) {
    env.LD_LIBRARY_PATH = [...paths, CHROMIUM_LIB_DIR].join(delimiter);
  }
  return env;
}

let installed: Promise<DawnSetup> | undefined;

/**
 * Puts Dawn's `navigator.gpu` and the `GPU*` globals on `globalThis` so that `@tensorflow/tfjs-backend-webgpu`
 * (imported afterwards) registers itself. Idempotent. Resolves to why it failed rather than throwing.
 */
export function installDawnWebGpu(): Promise<DawnSetup> {
  installed ??= install();
  return installed;
}

async function install(): Promise<DawnSetup> {
  const icd = process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD;
  if (!existsSync(icd)) {
    return {ok: false, reason: `no Vulkan ICD at ${icd} (install Debian's chromium package, or set VK_ICD_FILENAMES)`};
  }
  process.env.VK_ICD_FILENAMES = icd;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  const dawn = await import('webgpu').catch((error: unknown) => String(error));
  if (typeof dawn === 'string') {
    return {ok: false, reason: `the 'webgpu' npm package (Dawn) could not be loaded: ${dawn}`};
  }
  const gpu = dawn.create([]);
  Object.assign(globalThis, dawn.globals);
  const nav = (globalThis as {navigator?: object}).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', {value: gpu, configurable: true});
  else Object.defineProperty(globalThis, 'navigator', {value: {gpu}, configurable: true, writable: true});
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    return {
      ok: false,
      reason:
        'Dawn found no WebGPU adapter. Usually the Vulkan loader is missing: install libvulkan1, or start Node ' +
        `with LD_LIBRARY_PATH=${CHROMIUM_LIB_DIR} (see dawnProcessEnv).`,
    };
  }
  return {ok: true, adapter: `${adapter.info.vendor} ${adapter.info.description}`.trim()};
}
