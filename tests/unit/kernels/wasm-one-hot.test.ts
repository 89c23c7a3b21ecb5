/**
 * tfjs 4.22's wasm OneHot writes int32 bits into float outputs (1 reads back as 1.4e-45), which zeroed every one-hot
 * target of the losses and metrics on wasm; Deep Sky's kernel must agree with the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {initBackend} from '../../../src/lib/backend';

beforeAll(async () => {
  expect((await initBackend({prefer: ['wasm']})).backend).toBe('wasm');
});

async function oneHotOn(backend: string, dtype: 'float32' | 'int32', on: number, off: number): Promise<number[]> {
  await tf.setBackend(backend);
  const codes = tf.tensor2d([[3, 0], [9, -1]], [2, 2], 'int32');
  const out = tf.oneHot(codes, 4, on, off, dtype);
  const values = Array.from(await out.data());
  tf.dispose([codes, out]);
  return values;
}

describe('OneHot on wasm', () => {
  it.each([
    ['float32', 1, 0],
    ['float32', 0.9, 0.025],
    ['int32', 1, 0],
  ] as const)('matches cpu for dtype %s (on %s, off %s), out-of-range codes included', async (dtype, on, off) => {
    const wasm = await oneHotOn('wasm', dtype, on, off);
    expect(wasm).toEqual(await oneHotOn('cpu', dtype, on, off));
    expect(wasm.slice(0, 4)).toEqual([off, off, off, on].map(Math.fround));
  });
});
