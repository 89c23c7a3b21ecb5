import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {assertBatchFits, largestActivation, safeBatchSize, tensorByteLimit} from '../../../src/lib/backend';

/** A ResNet-style stem at 200x200x3: its 7x7/2 conv outputs 100x100x64 floats = 2.44 MiB per sample. */
function stem(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({inputShape: [200, 200, 3], filters: 64, kernelSize: 7, strides: 2, padding: 'same', name: 'stem_conv'}),
      tf.layers.maxPooling2d({poolSize: 3, strides: 2, padding: 'same'}),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({units: 2}),
    ],
  });
}

const MiB = 2 ** 20;

describe('safe batch sizes', () => {
  it('finds the largest activation from the layer output shapes', () => {
    const model = stem();
    expect(largestActivation(model)).toEqual({layer: 'stem_conv', shape: [100, 100, 64], bytesPerSample: 100 * 100 * 64 * 4});
    model.dispose();
  });

  it('derives the largest batch under a 128 MiB binding limit', () => {
    const model = stem();
    expect(safeBatchSize(model, {maxTensorBytes: 128 * MiB})).toBe(52); // 52 x 2.44 MiB = 127 MiB; 53 would be 129
    expect(safeBatchSize(model, {maxTensorBytes: 2 * 1024 * MiB, maxBatch: 256})).toBe(256);
    model.dispose();
  });

  it('says clearly when a batch would not fit, and what would', () => {
    const model = stem();
    expect(() => assertBatchFits(model, 52, {maxTensorBytes: 128 * MiB})).not.toThrow();
    expect(() => assertBatchFits(model, 64, {maxTensorBytes: 128 * MiB})).toThrow(
      /batch of 64 does not fit.*'stem_conv' outputs \[100,100,64\].*156\.3 MiB.*128\.0 MiB.*zeros.*at most 52/,
    );
    expect(() => safeBatchSize(model, {maxTensorBytes: MiB})).toThrow(/Not even one sample fits.*stem_conv/);
    model.dispose();
  });

  it('has no per-tensor limit on cpu, so only maxBatch bounds the answer', () => {
    expect(tf.getBackend()).toBe('cpu');
    expect(tensorByteLimit()).toBeUndefined();
    const model = stem();
    expect(safeBatchSize(model, {maxBatch: 300})).toBe(300);
    expect(() => assertBatchFits(model, 10_000)).not.toThrow();
    model.dispose();
  });

  it('refuses models whose shapes are not fixed', () => {
    const model = tf.sequential({layers: [tf.layers.conv2d({inputShape: [null, null, 3], filters: 4, kernelSize: 3})]});
    expect(() => largestActivation(model)).toThrow(/unknown sizes.*fixed input shape/);
    model.dispose();
  });
});
