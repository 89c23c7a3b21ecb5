/**
 * A full training step of each model family runs on wasm (no "kernel not registered"), computes the same gradients
 * as the cpu backend, and leaves the tensor count flat across steps.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {beforeAll, describe, expect, it} from 'vitest';
import {registerTrainingKernels} from '../../../src/lib/kernels';
import {relativeError} from '../../helpers/backend-compare';
import {SMALL_MODELS, batchFor, lossOf, type SmallModel} from './small-models';

beforeAll(() => {
  registerTrainingKernels();
});

const BATCH = 3;

async function gradientsOn(backend: string, model: tf.LayersModel, x: tf.Tensor4D, y: tf.Tensor) {
  await tf.setBackend(backend);
  const {value, grads} = tf.variableGrads(() => lossOf(model, x, y));
  const names = Object.keys(grads).sort();
  const values = await Promise.all(names.map((n) => grads[n].data()));
  const loss = (await value.data())[0];
  tf.dispose([value, ...Object.values(grads)]);
  await tf.setBackend('cpu');
  return {loss, names, values};
}

describe.each(SMALL_MODELS)('training step on wasm: $name', (spec: SmallModel) => {
  it('uses only kernels the wasm backend has', async () => {
    await tf.setBackend('cpu');
    const model = spec.build();
    const {x, y} = batchFor(spec, BATCH);
    const profile = await tf.profile(() => {
      const {value, grads} = tf.variableGrads(() => lossOf(model, x, y));
      tf.dispose([value, ...Object.values(grads)]);
    });
    const kernels = [...new Set(profile.kernelNames)].filter((name) => tf.getKernel(name, 'cpu') !== undefined);
    expect(kernels.length).toBeGreaterThan(10);
    expect(kernels.filter((name) => tf.getKernel(name, 'wasm') === undefined)).toEqual([]);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('computes the same loss and gradients as the cpu backend', async () => {
    await tf.setBackend('cpu');
    const model = spec.build();
    const {x, y} = batchFor(spec, BATCH);
    const reference = await gradientsOn('cpu', model, x, y);
    const actual = await gradientsOn('wasm', model, x, y);
    expect(actual.names).toEqual(reference.names);
    expect(Math.abs(actual.loss - reference.loss) / Math.abs(reference.loss)).toBeLessThan(1e-5);
    reference.names.forEach((name, i) => {
      expect(relativeError(actual.values[i], reference.values[i]), name).toBeLessThan(1e-4);
    });
    model.dispose();
    tf.dispose([x, y]);
  });

  it('trains with SGD with a flat tensor count', async () => {
    await tf.setBackend('wasm');
    const model = spec.build();
    const {x, y} = batchFor(spec, BATCH);
    const optimizer = tf.train.sgd(0.05);
    const step = async () => {
      const cost = optimizer.minimize(() => lossOf(model, x, y), true)!;
      const [value] = await cost.data();
      cost.dispose();
      return value;
    };
    const losses = [await step()];
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    for (let i = 0; i < 3; i++) {
      losses.push(await step());
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.backend().numDataIds()).toBe(buffers);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[3]).toBeLessThan(losses[0]);
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, y]);
    await tf.setBackend('cpu');
  });
});
