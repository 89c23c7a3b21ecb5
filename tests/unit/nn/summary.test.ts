import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';

describe('summary', () => {
  it('lists every layer with type, output shape and parameters, and totals them like Keras', () => {
    const m = nn.lenet5();
    const s = nn.summary(m);
    expect(s.name).toBe('lenet5');
    expect(s.layers.map((l) => [l.name, l.type, l.params])).toEqual([
      ['input', 'InputLayer', 0],
      ['c1', 'Conv2D', 156],
      ['s2', 'AveragePooling2D', 0],
      ['c3', 'Conv2D', 2416],
      ['s4', 'AveragePooling2D', 0],
      ['flatten', 'Flatten', 0],
      ['f5', 'Dense', 48_120],
      ['f6', 'Dense', 10_164],
      ['out', 'Dense', 850],
    ]);
    expect(s.layers[3].outputShape).toEqual([null, 10, 10, 16]);
    expect([s.totalParams, s.trainableParams, s.nonTrainableParams]).toEqual([61_706, 61_706, 0]);
    const lines = s.text.split('\n');
    expect(lines[0]).toBe('Model: "lenet5"');
    expect(lines).toContain('Total params: 61,706');
    expect(s.text).toMatch(/c3 \(Conv2D\)\s+\(None, 10, 10, 16\)\s+2,416/);
    expect(s.text).not.toMatch(/Connected to/); // a chain: Keras' Sequential-style table
    m.dispose();
  });

  it('separates BN statistics from frozen weights, and shows connections in a graph', () => {
    const input = tf.input({shape: [4, 4, 2], name: 'in'});
    const out = nn.basicBlock(input, {filters: 2, name: 'b'});
    const m = tf.model({inputs: input, outputs: out, name: 'block'});
    m.getLayer('b_1_conv').trainable = false;
    const s = nn.summary(m);
    const bn = 2 * 2 * 2; // two BN layers × 2 channels × (mean, variance)
    expect(s.stateParams).toBe(bn);
    expect(s.frozenParams).toBe(2 * 2 * 9);
    expect(s.nonTrainableParams).toBe(bn + 36);
    expect(s.trainableParams).toBe(s.totalParams - s.nonTrainableParams);
    expect(s.layers.find((l) => l.name === 'b_add')!.inputs).toEqual(['b_2_bn', 'in']);
    expect(s.text).toMatch(/Connected to/);
    expect(s.text).toMatch(/b_add \(Add\).*b_2_bn, in/);
    expect(s.text).toMatch(/Non-trainable params: 44 \(frozen 36, statistics 8\)/);
    // Plain data: survives structured cloning to the page.
    expect(structuredClone(s)).toEqual(s);
    m.dispose();
  });
});
