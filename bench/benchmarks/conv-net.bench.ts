/**
 * Nielsen's two-conv net (conv 5x5x20, pool, conv 5x5x40, pool, dense 100, softmax) on a batch of 64 MNIST-sized
 * images: a forward pass and a full SGD training step, on every tfjs backend Node has, with Deep Sky's training
 * kernels in place (without them wasm cannot train at all).
 *
 * Two tables: every row against tfjs-cpu as shipped, i.e. the cpu backend with tfjs' own conv filter gradient (issue
 * target: the wasm step ≥ 50x faster than that; the `cpu` row has Deep Sky's filter gradient), and, for wasm alone
 * (tfjs-cpu's step takes ~30 s, SwiftShader's tens of seconds), the step against its own forward pass (target:
 * ≤ 6x; backward is ~2x forward in FLOPs, so this is close to the machine's limit).
 */
import * as tf from '@tensorflow/tfjs';
import {registerTrainingKernels, useKernelImplementation} from '../../src/lib/kernels';
import type {Benchmark, Case} from '../harness';
import {nodeBackends} from '../backends';

const BATCH = 64;

function nielsenTwoConvNet(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({inputShape: [28, 28, 1], filters: 20, kernelSize: 5, activation: 'relu'}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.conv2d({filters: 40, kernelSize: 5, activation: 'relu'}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.flatten(),
      tf.layers.dense({units: 100, activation: 'relu'}),
      tf.layers.dense({units: 10}),
    ],
  });
}

function convNetCases(backend: string, train: boolean): Case[] {
  let model: tf.LayersModel;
  let x: tf.Tensor4D;
  let y: tf.Tensor2D;
  let optimizer: tf.Optimizer;
  const setup = () => {
    model = nielsenTwoConvNet();
    x = tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    y = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2) as tf.Tensor1D, 10) as tf.Tensor2D;
    optimizer = tf.train.sgd(0.05);
  };
  const teardown = () => {
    model.dispose();
    optimizer.dispose();
    tf.dispose([x, y]);
  };
  const forward: Case = {
    variant: 'forward',
    backend,
    setup,
    run: async () => {
      const out = model.predict(x) as tf.Tensor;
      await out.data();
      out.dispose();
    },
    teardown: train ? undefined : teardown,
  };
  if (!train) return [forward];
  const step: Case = {
    variant: 'train step',
    backend,
    run: async () => {
      const cost = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, {training: true}) as tf.Tensor2D),
        true,
      );
      await cost!.data();
      cost!.dispose();
    },
    teardown,
  };
  return [forward, step];
}

/** tfjs-cpu as shipped: the same cases with tfjs' own conv filter gradient instead of ours, switched around each run. */
function withTfjsCpuKernels(cases: Case[]): Case[] {
  const useTfjs = (yes: boolean) => useKernelImplementation('Conv2DBackpropFilter', 'cpu', yes ? 'tfjs' : 'deep-sky');
  return cases.map((c) => ({
    ...c,
    backend: 'cpu (tfjs kernels)',
    tfjsBackend: 'cpu',
    run: async () => {
      useTfjs(true);
      try {
        await c.run();
      } finally {
        useTfjs(false);
      }
    },
  }));
}

async function backendCases(
  include: (backend: string) => boolean,
  tfjsCpu = false,
): Promise<{cases: Case[]; notes: string[]}> {
  const detected = await nodeBackends();
  const notes = [...detected.notes];
  registerTrainingKernels();
  const cases: Case[] = tfjsCpu ? withTfjsCpuKernels(convNetCases('cpu', true)) : [];
  for (const backend of detected.available.filter(include)) {
    const canTrain = tf.getKernel('Conv2DBackpropFilter', backend) !== undefined;
    if (!canTrain) notes.push(`${backend}: forward only (no Conv2DBackpropFilter kernel registered)`);
    cases.push(...convNetCases(backend, canTrain));
  }
  return {cases, notes};
}

export const convNetStep: Benchmark = {
  name: 'conv-net (Nielsen two-conv, batch 64)',
  baseline: {backend: 'cpu (tfjs kernels)'},
  samples: 3,
  warmup: 1,
  maxSeconds: 240,
  cases: () => backendCases(() => true, true),
};

export const convNetStepVsForward: Benchmark = {
  name: 'conv-net step vs forward (Nielsen two-conv, batch 64)',
  baseline: {variant: 'forward'},
  samples: 9,
  warmup: 2,
  maxSeconds: 60,
  cases: () => backendCases((backend) => backend === 'wasm'),
};
