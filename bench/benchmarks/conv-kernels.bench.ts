/**
 * The conv weight gradient (Conv2DBackpropFilter) alone: tfjs' own kernel against Deep Sky's, per backend, on layer
 * shapes from Nielsen's net and ResNet. wasm has no tfjs kernel (tfjs 4.22 cannot train convs there), so its row has
 * no ratio: compare it with tfjs@cpu. webgpu runs on Dawn/SwiftShader here (a CPU), so its ratios say little about
 * a real GPU, where the naive kernel leaves most of the chip idle.
 */
import * as tf from '@tensorflow/tfjs';
import {registerTrainingKernels, tfjsKernel, useKernelImplementation, type KernelImplementation} from '../../src/lib/kernels';
import type {Benchmark, Case} from '../harness';
import {nodeBackends} from '../backends';

interface FilterGradShape {
  label: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number;
  pad: 'same' | 'valid';
  /** Also time tfjs' cpu kernel (≈0.2 µs per multiply-add here: minutes for the larger shapes). */
  cpu: boolean;
}

/** Small batches: webgpu runs on SwiftShader (a CPU) here, where tfjs' kernel takes seconds even at these sizes. */
const SHAPES: FilterGradShape[] = [
  {label: 'Nielsen conv1 5x5x1x20, 64x28x28', x: [64, 28, 28, 1], filter: [5, 5, 1, 20], strides: 1, pad: 'valid', cpu: true},
  {label: 'Nielsen conv2 5x5x20x40, 16x12x12', x: [16, 12, 12, 20], filter: [5, 5, 20, 40], strides: 1, pad: 'valid', cpu: false},
  {label: 'ResNet 3x3x64x64, 2x16x16', x: [2, 16, 16, 64], filter: [3, 3, 64, 64], strides: 1, pad: 'same', cpu: false},
  {label: 'ResNet stem 7x7x3x64 /2, 2x64x64', x: [2, 64, 64, 3], filter: [7, 7, 3, 64], strides: 2, pad: 'same', cpu: false},
];

function filterGradCase(shape: FilterGradShape, backend: string, implementation: KernelImplementation): Case {
  let x: tf.Tensor4D;
  let dy: tf.Tensor4D;
  const attrs = {strides: shape.strides, pad: shape.pad, dataFormat: 'NHWC', filterShape: shape.filter};
  return {
    variant: implementation,
    backend,
    setup: () => {
      x = tf.randomUniform(shape.x, -1, 1, 'float32', 1) as tf.Tensor4D;
      const outShape = tf.conv2d(x, tf.zeros(shape.filter) as tf.Tensor4D, shape.strides, shape.pad).shape;
      dy = tf.randomUniform(outShape, -1, 1, 'float32', 2) as tf.Tensor4D;
    },
    run: async () => {
      // cpu has only tfjs' kernel; elsewhere pick the implementation for this case (the other case may have switched).
      if (backend !== 'cpu') useKernelImplementation(tf.Conv2DBackpropFilter, backend, implementation);
      const dW = tf.engine().runKernel(tf.Conv2DBackpropFilter, {x, dy}, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
      await dW.data();
      dW.dispose();
    },
    teardown: () => {
      tf.dispose([x, dy]);
      if (backend !== 'cpu') useKernelImplementation(tf.Conv2DBackpropFilter, backend, 'deep-sky');
    },
  };
}

function filterGradBenchmark(shape: FilterGradShape): Benchmark {
  return {
    name: `conv kernel Conv2DBackpropFilter: ${shape.label}`,
    baseline: {variant: 'tfjs'},
    samples: 3,
    warmup: 1,
    maxSeconds: 60,
    async cases() {
      const {available, notes} = await nodeBackends();
      registerTrainingKernels();
      const cases: Case[] = [];
      for (const backend of available) {
        if (backend !== 'cpu' && tfjsKernel(tf.Conv2DBackpropFilter, backend)) cases.push(filterGradCase(shape, backend, 'tfjs'));
        if (backend === 'cpu') {
          if (shape.cpu) cases.push(filterGradCase(shape, 'cpu', 'tfjs'));
        } else cases.push(filterGradCase(shape, backend, 'deep-sky'));
      }
      const extra = shape.cpu
        ? ['wasm: tfjs 4.22 has no Conv2DBackpropFilter there; compare deep-sky@wasm with tfjs@cpu']
        : ["cpu skipped for this shape (tfjs' cpu kernel takes minutes); wasm has no tfjs kernel to compare with"];
      return {cases, notes: [...notes, ...extra]};
    },
  };
}

export const convKernelBenchmarks: Benchmark[] = SHAPES.map(filterGradBenchmark);
