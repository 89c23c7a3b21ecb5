/**
 * Deep Sky's wasm gradient kernels against tfjs' cpu backend (the reference), against finite differences of wasm's own
 * forward conv, and for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {beforeAll, describe, expect, it, vi} from 'vitest';
import {registerTrainingKernels, tfjsKernel, useKernelImplementation} from '../../../src/lib/kernels';
import {relativeError, valuesOn, wave} from '../../helpers/backend-compare';
import {
  CONV_CASES,
  DEPTHWISE_CASES,
  caseData,
  conv2dFilterGradientNCHW,
  conv2dGradients,
  depthwiseGradients,
  finiteDifferenceErrors,
  type ConvCase,
} from '../../helpers/conv-cases';

beforeAll(() => {
  registerTrainingKernels();
});

describe('registerTrainingKernels on wasm', () => {
  it('fills the gradient kernels tfjs 4.22 lacks and replaces slow or wrong ones', () => {
    const wasm = registerTrainingKernels().filter((k) => k.backendName === 'wasm');
    expect(wasm).toEqual(expect.arrayContaining([
      {kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', replacesTfjs: false},
      {kernelName: 'Conv2DBackpropInput', backendName: 'wasm', replacesTfjs: true},
      {kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', replacesTfjs: false},
      {kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', replacesTfjs: false},
      {kernelName: 'MaxPoolGrad', backendName: 'wasm', replacesTfjs: true},
      {kernelName: 'BatchMatMul', backendName: 'wasm', replacesTfjs: true},
    ]));
    for (const {kernelName} of wasm) expect(tf.getKernel(kernelName, 'wasm')).toBeDefined();
    expect(tfjsKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
  });
});

describe.each(CONV_CASES)('conv2d gradients on wasm: $name', (c) => {
  it('match the cpu backend (dx and dW)', async () => {
    const reference = await valuesOn('cpu', () => conv2dGradients(c));
    const actual = await valuesOn('wasm', () => conv2dGradients(c));
    expect(relativeError(actual[0], reference[0])).toBeLessThan(1e-5);
    expect(relativeError(actual[1], reference[1])).toBeLessThan(1e-5);
  });
});

describe.each(DEPTHWISE_CASES)('depthwise conv gradients on wasm: $name', (c) => {
  it('match the cpu backend (dx and dW)', async () => {
    const reference = await valuesOn('cpu', () => depthwiseGradients(c));
    const actual = await valuesOn('wasm', () => depthwiseGradients(c));
    expect(relativeError(actual[0], reference[0])).toBeLessThan(1e-5);
    expect(relativeError(actual[1], reference[1])).toBeLessThan(1e-5);
  });
});

describe('wasm Conv2DBackpropFilter on NCHW data', () => {
  it.each([CONV_CASES[0], CONV_CASES[1], CONV_CASES[2]])('matches the cpu backend: $name', async (c) => {
    const [reference] = await valuesOn('cpu', () => conv2dFilterGradientNCHW(c));
    const [actual] = await valuesOn('wasm', () => conv2dFilterGradientNCHW(c));
    expect(relativeError(actual, reference)).toBeLessThan(1e-5);
  });
});

describe('finite-difference gradient checks on wasm', () => {
  it.each([CONV_CASES[1], CONV_CASES[2], CONV_CASES[4]])('conv2d: $name', async (c) => {
    const errors = await finiteDifferenceErrors('wasm', c, (x, w) => tf.conv2d(x, w, c.strides, c.pad));
    expect(errors.x).toBeLessThan(1e-3);
    expect(errors.w).toBeLessThan(1e-3);
  });
  it.each([DEPTHWISE_CASES[1], DEPTHWISE_CASES[2]])('depthwise conv: $name', async (c) => {
    const errors = await finiteDifferenceErrors('wasm', c, (x, w) => tf.depthwiseConv2d(x, w, c.strides, c.pad));
    expect(errors.x).toBeLessThan(1e-3);
    expect(errors.w).toBeLessThan(1e-3);
  });
});

describe('wasm gradient kernels and memory', () => {
  it('free every intermediate they create (tensors and backend buffers stay level)', async () => {
    await tf.setBackend('wasm');
    const run = () =>
      tf.tidy(() => {
        for (const c of [CONV_CASES[2], CONV_CASES[5]]) conv2dGradients(c);
        depthwiseGradients(DEPTHWISE_CASES[2]);
      });
    run();
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    run();
    run();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
  });

  it('splits a large batch into chunks and still sums every chunk', async () => {
    // dy of 20 x 64 x 64 x 64 floats is over the 4 Mi-element chunk limit: two chunks (16 + 4 samples). With dy = 1
    // everywhere, dW[kh, kw, ci, co] is the sum of x over the window that tap (kh, kw) sees, for every co: easy to compute here.
    const [b, h, w, ci, co] = [20, 64, 64, 2, 64];
    const c: ConvCase = {name: 'large', x: [b, h, w, ci], filter: [3, 3, ci, co], strides: 1, pad: 'same'};
    const x = caseData(c).x.map((v) => (v + 1) / 2); // positive: the sums have no cancellation to amplify rounding
    const [dW] = await valuesOn('wasm', () => [
      tf.engine().runKernel(
        tf.Conv2DBackpropFilter,
        {x: tf.tensor4d(x, c.x), dy: tf.ones([b, h, w, co])},
        {strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: c.filter},
      ) as tf.Tensor,
    ]);
    const expected = new Float64Array(dW.length);
    for (let kh = 0; kh < 3; kh++) {
      for (let kw = 0; kw < 3; kw++) {
        for (let c0 = 0; c0 < ci; c0++) {
          let sum = 0;
          for (let n = 0; n < b; n++) {
            for (let r = Math.max(0, kh - 1); r < Math.min(h, h + kh - 1); r++) {
              for (let q = Math.max(0, kw - 1); q < Math.min(w, w + kw - 1); q++) sum += x[((n * h + r) * w + q) * ci + c0];
            }
          }
          for (let o = 0; o < co; o++) expected[((kh * 3 + kw) * ci + c0) * co + o] = sum;
        }
      }
    }
    expect(relativeError(dW, expected)).toBeLessThan(1e-5);
  });

  it("frees each chunk's intermediates before the next chunk (peak memory is one chunk's)", async () => {
    // dy of 9 x 128 x 128 x 64 floats: chunks of 4, 4 and 1 samples. Count live buffers whenever a chunk's conv runs.
    await tf.setBackend('wasm');
    const conv = tf.getKernel(tf.Conv2D, 'wasm')!;
    const original = conv.kernelFunc;
    const live: number[] = [];
    const spy = vi.spyOn(conv, 'kernelFunc').mockImplementation((args) => {
      live.push(tf.backend().numDataIds());
      return original(args);
    });
    try {
      tf.tidy(() => {
        tf.engine().runKernel(
          tf.Conv2DBackpropFilter,
          {x: tf.ones([9, 128, 128, 2]), dy: tf.ones([9, 128, 128, 64])},
          {strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 64]},
        );
      });
    } finally {
      spy.mockRestore();
    }
    expect(live).toHaveLength(3);
    // Only the running sum outlives a chunk.
    expect(Math.max(...live) - live[0]).toBeLessThanOrEqual(1);
  });
});

describe('wasm Conv2DBackpropInput as a product and scatter', () => {
  it("splits a large batch into chunks and matches tfjs' own wasm kernel", async () => {
    // Stride 2: the product form is chosen; its cols (32 x 32 x 32 x 576 floats) exceed one 16 Mi-element chunk.
    await tf.setBackend('wasm');
    const dy = tf.tensor4d(wave(32 * 32 * 32 * 8, 0.11), [32, 32, 32, 8]);
    const filter = tf.tensor4d(wave(3 * 3 * 64 * 8, 0.7), [3, 3, 64, 8]);
    const attrs = {strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [32, 64, 64, 64]} as unknown as tf.NamedAttrMap;
    const run = async () => {
      const dx = tf.engine().runKernel(tf.Conv2DBackpropInput, {dy, filter}, attrs) as tf.Tensor;
      const values = await dx.data();
      dx.dispose();
      return values;
    };
    const ours = await run();
    useKernelImplementation('Conv2DBackpropInput', 'wasm', 'tfjs');
    try {
      expect(relativeError(ours, await run())).toBeLessThan(1e-5);
    } finally {
      useKernelImplementation('Conv2DBackpropInput', 'wasm', 'deep-sky');
      tf.dispose([dy, filter]);
    }
  });
});

describe('wasm MaxPoolGrad (tfjs 4.22 loses the gradient of windows ≤ 0)', () => {
  const cases: Array<{name: string; shape: [number, number, number, number]; filter: number; stride: number; pad: 'same' | 'valid'; values: (i: number) => number}> = [
    {name: 'all-negative windows, 2x2/2', shape: [2, 6, 6, 3], filter: 2, stride: 2, pad: 'valid', values: (i) => Math.sin(i) - 2},
    {name: 'overlapping padded windows, 3x3/2 same', shape: [2, 7, 7, 3], filter: 3, stride: 2, pad: 'same', values: (i) => Math.sin(i * 0.9)},
    {name: 'ties go to the first maximum, as on cpu', shape: [1, 4, 4, 2], filter: 2, stride: 2, pad: 'valid', values: () => 0},
  ];
  it.each(cases)('matches the cpu backend: $name', async (c) => {
    const compute = () => {
      const x = tf.tensor4d(Float32Array.from({length: tf.util.sizeFromShape(c.shape)}, (_, i) => c.values(i)), c.shape);
      const f = (t: tf.Tensor) => {
        const y = tf.maxPool(t as tf.Tensor4D, c.filter, c.stride, c.pad);
        return y.mul(tf.range(1, y.size + 1).reshape(y.shape)).sum();
      };
      return [tf.grad(f)(x)];
    };
    const [reference] = await valuesOn('cpu', compute);
    const [actual] = await valuesOn('wasm', compute);
    expect(Array.from(actual)).toEqual(Array.from(reference));
  });
});

describe('wasm BatchMatMul with transposed operands', () => {
  it.each([
    [false, true],
    [true, false],
    [true, true],
  ])('matches the cpu backend (transposeA %s, transposeB %s)', async (transposeA, transposeB) => {
    const compute = () => {
      const a = tf.tensor3d(wave(2 * 5 * 7, 0.3), transposeA ? [2, 7, 5] : [2, 5, 7]);
      const b = tf.tensor3d(wave(2 * 7 * 3, 0.7, 1), transposeB ? [2, 3, 7] : [2, 7, 3]);
      return [tf.matMul(a, b, transposeA, transposeB)];
    };
    const [reference] = await valuesOn('cpu', compute);
    const [actual] = await valuesOn('wasm', compute);
    expect(relativeError(actual, reference)).toBeLessThan(1e-6);
  });
});
