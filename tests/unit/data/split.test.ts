import {afterEach, describe, expect, it, vi} from 'vitest';
import {DataLoaders, columnSplitter, findLeakage, folderSplitter, functionSplitter, randomSplitter} from '../../../src/lib';

afterEach(() => vi.restoreAllMocks());

const all = (n: number) => Int32Array.from({length: n}, (_, i) => i);

describe('splitters', () => {
  it('randomSplitter: the requested fraction, disjoint and complete, reproducible by seed', () => {
    const a = randomSplitter({validFraction: 0.25, seed: 3})({count: 40});
    const b = randomSplitter({validFraction: 0.25, seed: 3})({count: 40});
    const c = randomSplitter({validFraction: 0.25, seed: 4})({count: 40});
    expect(a.valid.length).toBe(10);
    expect(a.train.length).toBe(30);
    expect([...a.train, ...a.valid].sort((p, q) => p - q)).toEqual(Array.from(all(40)));
    expect(Array.from(a.valid)).toEqual([...a.valid].sort((p, q) => p - q)); // ascending
    expect(b).toEqual(a);
    expect(c.valid).not.toEqual(a.valid);
    expect(() => randomSplitter({validFraction: 1})).toThrow(/validFraction must be in \(0, 1\)/);
  });

  it('functionSplitter: by index and source', () => {
    const split = functionSplitter((i, source) => i % 3 === 0 || source === 'x/keep.png')({count: 6, sources: ['a', 'b', 'x/keep.png', 'd', 'e', 'f']});
    expect(Array.from(split.valid)).toEqual([0, 2, 3]);
    expect(Array.from(split.train)).toEqual([1, 4, 5]);
  });

  it('folderSplitter: train/valid and training/testing folders, nearest one wins, others left out with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sources = ['d/train/cat/1.png', 'd/valid/cat/2.png', 'd/training/dog/3.png', 'd/testing/dog/4.png', 'd/extra/5.png', 'train/valid/6.png'];
    const split = folderSplitter()({count: 6, sources});
    expect(Array.from(split.train)).toEqual([0, 2]);
    expect(Array.from(split.valid)).toEqual([1, 3, 5]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/1 items are in neither split .* e\.g\. d\/extra\/5\.png/));
    const custom = folderSplitter({train: ['fit'], valid: ['check']})({count: 2, sources: ['FIT/a.png', 'check/b.png']});
    expect([Array.from(custom.train), Array.from(custom.valid)]).toEqual([[0], [1]]);
    expect(() => folderSplitter()({count: 2, sources: ['a/1.png', 'train/2.png']})).toThrow(/found 1 training and 0 validation items; it looks for folders named/);
    expect(() => folderSplitter()({count: 1})).toThrow(/no paths/);
  });

  it('columnSplitter: is_valid as booleans, 1/0 or yes/no; a bad value names the item', () => {
    const split = columnSplitter()({count: 5, columns: {is_valid: ['True', 'false', '1', '0', ' yes ']}});
    expect(Array.from(split.valid)).toEqual([0, 2, 4]);
    expect(Array.from(split.train)).toEqual([1, 3]);
    expect(() => columnSplitter()({count: 1, columns: {is_valid: ['maybe']}})).toThrow(/item 0 has is_valid = 'maybe'/);
    expect(() => columnSplitter('valid')({count: 1, columns: {is_valid: ['1']}})).toThrow(/no column 'valid' \(columns: is_valid\)/);
  });

  it('fromDataset uses a random 20% split by default and checks explicit row numbers', () => {
    const dataset = {x: Uint8Array.from({length: 50}, (_, i) => i), itemShape: [1], y: new Uint8Array(50)};
    const dls = DataLoaders.fromDataset(dataset, {batchSize: 5, seed: 1});
    expect([dls.train.size, dls.valid.size]).toEqual([40, 10]);
    expect(() => DataLoaders.fromDataset(dataset, {split: {train: all(3), valid: Int32Array.from([50])}})).toThrow(/valid split row 50 is outside the 50 items/);
    expect(() => DataLoaders.fromDataset(dataset, {split: {train: all(3), valid: new Int32Array(0)}})).toThrow(/no validation items/);
  });
});

describe('findLeakage', () => {
  const x = Uint8Array.from([1, 1, 2, 2, 3, 3, 1, 1, 4, 4]); // five items of two values; items 0 and 3 are equal

  it('finds identical content and the same source across every pair of splits', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sources = ['a.png', 'b.png', 'c.png', 'd.png', 'b.png'];
    const report = findLeakage([
      {name: 'train', rows: Int32Array.from([0, 1]), x, itemSize: 2, sources},
      {name: 'valid', rows: Int32Array.from([3, 2]), x, itemSize: 2, sources},
      {name: 'test', rows: Int32Array.from([4]), x, itemSize: 2, sources},
    ]);
    expect(report?.sameContent).toBe(1);
    expect(report?.sameSource).toBe(1);
    expect(report?.duplicates).toEqual([
      {splits: ['train', 'valid'], positions: [0, 0], reason: 'same-content', sources: ['a.png', 'd.png']},
      {splits: ['train', 'test'], positions: [1, 0], reason: 'same-source', sources: ['b.png', 'b.png']},
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(report?.message).toMatch(/2 items appear in two splits \(1 listed twice, 1 with identical content\)/);
  });

  it('uses given file hashes instead of the values, and stays quiet when asked or when clean', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const hashes = ['h0', 'h1', 'h2', 'h3', 'h1'];
    const parts = [
      {name: 'train', rows: Int32Array.from([0, 1]), x, itemSize: 2, hashes},
      {name: 'valid', rows: Int32Array.from([3, 4]), x, itemSize: 2, hashes},
    ];
    const report = findLeakage(parts, {warn: false});
    expect(report?.duplicates.map((d) => d.positions)).toEqual([[1, 1]]); // by hash: item 4 copies item 1; 0 vs 3 differ
    expect(warn).not.toHaveBeenCalled();
    expect(findLeakage([{...parts[0], rows: Int32Array.from([0])}, {...parts[1], rows: Int32Array.from([2])}])).toBeUndefined();
  });
});
