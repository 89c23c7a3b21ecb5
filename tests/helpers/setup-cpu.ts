// Unit tests run on tfjs' cpu backend: deterministic, no GPU, and the reference the other backends are checked
// against. Deep Sky's kernels are put in place as initBackend() would (the cpu conv filter gradient is ~80x faster
// than tfjs' and is itself checked against tfjs' kernel in tests/unit/kernels/cpu-conv-filter-grad.test.ts).
import * as tf from '@tensorflow/tfjs';
import {beforeAll} from 'vitest';
import {registerTrainingKernels} from '../../src/lib/kernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  registerTrainingKernels();
});
