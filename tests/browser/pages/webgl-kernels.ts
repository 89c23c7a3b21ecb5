/**
 * Test page: Deep Sky's WebGL Conv2DBackpropFilter in a real browser, against the cpu backend and tfjs' own WebGL
 * kernel. Results land on `window.webglKernels` for tests/browser/webgl-kernels.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import {initBackend, type BackendReport} from '../../../src/lib/backend';
import {useKernelImplementation} from '../../../src/lib/kernels';
import {relativeError, valuesOn} from '../../helpers/backend-compare';
import {CONV_CASES, conv2dGradients, type ConvCase} from '../../helpers/conv-cases';

export interface WebGlKernelCase {
  name: string;
  /** Ours against the cpu backend. */
  vsCpu: number;
  /** tfjs' WebGL kernel against the cpu backend (the precision this browser's WebGL reaches at all). */
  tfjsVsCpu: number;
  /** Ours against tfjs' WebGL kernel. */
  vsTfjs: number;
}

export interface WebGlKernelReport {
  /** What initBackend({prefer: ['webgl']}) reported. */
  backend?: BackendReport;
  /** tfjs' own floatPrecision() afterwards (initBackend corrects it to the measured value). */
  tfjsFloatPrecision: number;
  cases: WebGlKernelCase[];
  /** Tensors and WebGL textures left over after repeated runs (0 when nothing leaks). */
  leakedTensors: number;
  leakedBuffers: number;
  error?: string;
}

/** Enough weights (3·3·64·128) that one fragment per weight already fills the GPU: a single chunk, no second pass. */
const ONE_CHUNK: ConvCase = {name: 'many weights, one chunk', x: [1, 5, 5, 64], filter: [3, 3, 64, 128], strides: 1, pad: 'same'};

const filterGradient = (c: ConvCase) => () => conv2dGradients(c).slice(1);

async function run(): Promise<WebGlKernelReport> {
  const backend = await initBackend({prefer: ['webgl']});
  const cases: WebGlKernelCase[] = [];
  for (const c of [...CONV_CASES, ONE_CHUNK]) {
    const [reference] = await valuesOn('cpu', filterGradient(c));
    const [ours] = await valuesOn('webgl', filterGradient(c));
    useKernelImplementation('Conv2DBackpropFilter', 'webgl', 'tfjs');
    const [theirs] = await valuesOn('webgl', filterGradient(c));
    useKernelImplementation('Conv2DBackpropFilter', 'webgl', 'deep-sky');
    cases.push({
      name: c.name,
      vsCpu: relativeError(ours, reference),
      tfjsVsCpu: relativeError(theirs, reference),
      vsTfjs: relativeError(ours, theirs),
    });
  }
  await tf.setBackend('webgl');
  const once = async () => {
    const [dW] = tf.tidy(filterGradient(CONV_CASES[2]));
    await dW.data();
    dW.dispose();
  };
  await once();
  const tensors = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  await once();
  await once();
  return {
    backend,
    tfjsFloatPrecision: tf.backend().floatPrecision(),
    cases,
    leakedTensors: tf.memory().numTensors - tensors,
    leakedBuffers: tf.backend().numDataIds() - buffers,
  };
}

const status = document.getElementById('status')!;
run()
  .catch((error: unknown): WebGlKernelReport => ({
    tfjsFloatPrecision: 0,
    cases: [],
    leakedTensors: 0,
    leakedBuffers: 0,
    error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
  }))
  .then((report) => {
    (globalThis as unknown as {webglKernels: WebGlKernelReport}).webglKernels = report;
    status.textContent = report.error ? `failed: ${report.error}` : 'done';
  });
