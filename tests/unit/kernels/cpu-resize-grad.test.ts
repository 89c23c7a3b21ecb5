/**
 * The cpu backend's nearest-neighbour resize gradient (tfjs 4.22's is wrong for batch > 1; Deep Sky registers a fixed
 * one). Checked with the adjoint identity ⟨resize(x), dy⟩ = ⟨x, resizeGrad(dy)⟩, which holds exactly for the true
 * gradient of the forward kernel, and against wasm's kernel.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {beforeAll, describe, expect, it} from 'vitest';
import {registerTrainingKernels} from '../../../src/lib/kernels';
import {relativeError, valuesOn, wave} from '../../helpers/backend-compare';

beforeAll(() => {
  registerTrainingKernels();
});

interface ResizeCase {
  images: [number, number, number, number];
  size: [number, number];
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

const CASES: ResizeCase[] = [
  {images: [2, 4, 4, 1], size: [8, 8], alignCorners: false, halfPixelCenters: false},
  {images: [3, 5, 3, 2], size: [10, 7], alignCorners: false, halfPixelCenters: false},
  {images: [2, 5, 4, 3], size: [9, 6], alignCorners: true, halfPixelCenters: false},
  {images: [2, 4, 5, 2], size: [7, 11], alignCorners: false, halfPixelCenters: true},
];

function gradient(c: ResizeCase): tf.Tensor[] {
  const x = tf.tensor4d(wave(tf.util.sizeFromShape(c.images), 1.1), c.images);
  const dy = tf.tensor(wave(c.images[0] * c.size[0] * c.size[1] * c.images[3], 0.3, 2));
  const f = (a: tf.Tensor) =>
    tf.image.resizeNearestNeighbor(a as tf.Tensor4D, c.size, c.alignCorners, c.halfPixelCenters).reshape([-1]).mul(dy).sum();
  return [tf.grad(f)(x), x, dy, tf.image.resizeNearestNeighbor(x, c.size, c.alignCorners, c.halfPixelCenters)];
}

describe.each(CASES)('cpu ResizeNearestNeighborGrad %j', (c) => {
  it('is the adjoint of the forward resize', async () => {
    const [dx, x, dy, up] = await valuesOn('cpu', () => gradient(c));
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
    expect(dot(up, dy)).toBeCloseTo(dot(x, dx), 4);
  });

  it.skipIf(c.halfPixelCenters)('agrees with the wasm backend', async () => {
    const [reference] = await valuesOn('cpu', () => gradient(c).slice(0, 1));
    const [actual] = await valuesOn('wasm', () => gradient(c).slice(0, 1));
    expect(relativeError(actual, reference)).toBeLessThan(1e-6);
  });
});
