import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {dense, fanNormal, initializer, modelFromFiles, modelToFiles, type InitName} from '../../../src/lib/nn';

async function stats(t: tf.Tensor): Promise<{mean: number; std: number}> {
  const v = Float32Array.from(await t.data());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return {mean, std};
}

/** Fraction of draws farther than 2σ from 0, σ being the nominal standard deviation. */
async function beyondTwoSigma(t: tf.Tensor, sigma: number): Promise<number> {
  const v = Float32Array.from(await t.data());
  return v.filter((x) => Math.abs(x) > 2 * sigma).length / v.length;
}

describe('weight initialisers', () => {
  // Sample stds of 40k+ draws are within ~1% of the truth; 3% leaves room without letting a wrong formula through.
  const cases: [string, InitName | ReturnType<typeof fanNormal>, number[], number][] = [
    ['nielsenLarge is N(0, 1)', 'nielsenLarge', [200, 300], 1],
    ['nielsenNormal is N(0, 1/n_in)', 'nielsenNormal', [400, 100], 1 / Math.sqrt(400)],
    ['network3 is N(0, 1/n_out) for dense kernels', 'network3', [100, 400], 1 / Math.sqrt(400)],
    ['kaimingNormal is N(0, 2/fan_out) for conv kernels', 'kaimingNormal', [3, 3, 64, 32], Math.sqrt(2 / (3 * 3 * 32))],
    // network3's ConvPoolLayer: n_out = filters·k²/pool_area = 40·25/4 = 250.
    ['the conv-pool form divides n_out by the pool area', fanNormal({mode: 'fanOut', poolArea: 4}), [5, 5, 20, 40], 1 / Math.sqrt(250)],
  ];
  for (const [title, spec, shape, std] of cases) {
    it(title, async () => {
      const w = initializer(spec, 3).apply(shape);
      const s = await stats(w);
      w.dispose();
      expect(Math.abs(s.mean)).toBeLessThan(0.03 * std);
      expect(s.std / std).toBeGreaterThan(0.97);
      expect(s.std / std).toBeLessThan(1.03);
    });
  }

  it('draws from an untruncated normal (≈4.6% beyond 2σ), unlike tfjs’ truncated heNormal', async () => {
    const ours = initializer('kaimingNormal', 5).apply([200, 400]); // σ² = 2/fan_out
    const keras = initializer('heNormal', 5).apply([200, 400]); // σ² = 2/fan_in, cut at 2σ
    expect(await beyondTwoSigma(ours, Math.sqrt(2 / 400))).toBeGreaterThan(0.04);
    expect(await beyondTwoSigma(keras, Math.sqrt(2 / 200))).toBe(0);
    tf.dispose([ours, keras]);
  });

  it('is reproducible with a seed', async () => {
    const a = initializer('nielsenNormal', 11).apply([10, 10]);
    const b = initializer('nielsenNormal', 11).apply([10, 10]);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([a, b]);
  });

  it('rejects unknown names and bad options with a clear message', () => {
    expect(() => initializer('gaussian' as InitName)).toThrow(/Unknown initialiser 'gaussian'.*nielsenLarge/);
    expect(() => fanNormal({mode: 'fanOut', poolArea: 0})).toThrow(/positive/);
  });

  it("saves as Keras' standard VarianceScaling with the same variance, so Keras can load the model", async () => {
    const input = tf.input({shape: [4]});
    const layer = dense({units: 3, init: fanNormal({mode: 'fanOut', poolArea: 2, scale: 2}), name: 'd'});
    const model = tf.model({inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor});
    const loaded = await modelFromFiles(await modelToFiles(model));
    const config = loaded.getLayer('d').getConfig().kernelInitializer as {className: string; config: Record<string, unknown>};
    // variance 2/(fan_out/2) = 4/fan_out
    expect(config).toEqual({className: 'VarianceScaling', config: {scale: 4, mode: 'fanOut', distribution: 'normal', seed: null}});
    model.dispose();
    loaded.dispose();
  });
});
