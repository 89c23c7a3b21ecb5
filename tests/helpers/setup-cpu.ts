// Unit tests run on tfjs' cpu backend: deterministic, no GPU, and the reference the other backends are checked against.
import * as tf from '@tensorflow/tfjs';
import {beforeAll} from 'vitest';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});
