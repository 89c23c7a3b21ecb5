/** Small deterministic problems and models for the Learner tests. */
import * as tf from '@tensorflow/tfjs';
import {DataLoaders, createRng} from '../../../src/lib/data';

/** y = 3x + 1 (+ small noise) on x ∈ [−1, 1]: `train` and `valid` items, regression targets. */
export function linearData(options: {train?: number; valid?: number; batchSize?: number; seed?: number} = {}) {
  const {train = 256, valid = 64, batchSize = 16, seed = 1} = options;
  const rng = createRng(seed);
  const make = (n: number) => {
    const x = Float32Array.from({length: n}, () => rng.uniform(-1, 1));
    const y = Float32Array.from(x, (v) => 3 * v + 1 + 0.01 * rng.normal());
    return {x, y};
  };
  return DataLoaders.fromArrays(
    {train: make(train), valid: make(valid), itemShape: [1], target: 'regression'},
    {batchSize, seed, checkLeakage: false},
  );
}

/** A linear model y = w·x + b with deterministic initial weights w = 0.5, b = 0. */
export function linearModel(): tf.LayersModel {
  return tf.sequential({
    layers: [tf.layers.dense({units: 1, inputShape: [1], kernelInitializer: tf.initializers.constant({value: 0.5})})],
  });
}

/** Three Gaussian blobs in 2-D (class k centred at angle 2πk/3), well separated. */
export function blobData(options: {train?: number; valid?: number; batchSize?: number; seed?: number} = {}) {
  const {train = 240, valid = 60, batchSize = 20, seed = 2} = options;
  const rng = createRng(seed);
  const make = (n: number) => {
    const x = new Float32Array(n * 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = i % 3;
      y[i] = k;
      x[2 * i] = 2 * Math.cos((2 * Math.PI * k) / 3) + 0.4 * rng.normal();
      x[2 * i + 1] = 2 * Math.sin((2 * Math.PI * k) / 3) + 0.4 * rng.normal();
    }
    return {x, y};
  };
  return DataLoaders.fromArrays(
    {train: make(train), valid: make(valid), itemShape: [2], target: 'class', classes: ['a', 'b', 'c']},
    {batchSize, seed, checkLeakage: false},
  );
}

/** 2 → 8 (relu) → 3 logits, seeded. */
export function blobModel(seed = 3): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({units: 8, activation: 'relu', inputShape: [2], kernelInitializer: tf.initializers.glorotNormal({seed})}),
      tf.layers.dense({units: 3, kernelInitializer: tf.initializers.glorotNormal({seed: seed + 1})}),
    ],
  });
}
