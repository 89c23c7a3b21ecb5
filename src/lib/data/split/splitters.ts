/**
 * Splitters decide which items of a dataset train and which validate. Each returns dataset row numbers, ascending.
 */
import {createRng, permutation} from '../random';

/** Row numbers of each split. */
export interface SplitIndices {
  train: Int32Array;
  valid: Int32Array;
}

/** What a splitter may look at: how many items, where they came from, and their text columns (e.g. a CSV's). */
export interface SplitItems {
  count: number;
  sources?: readonly string[];
  columns?: Record<string, readonly string[]>;
}

/** Decides the train/valid split of a dataset. */
export type Splitter = (items: SplitItems) => SplitIndices;

/** A random split: `validFraction` (default 0.2) of the items, rounded, validate; reproducible with `seed`. */
export function randomSplitter(options: {validFraction?: number; seed?: number} = {}): Splitter {
  const fraction = options.validFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) throw new Error(`randomSplitter: validFraction must be in (0, 1), got ${fraction}`);
  const seed = options.seed ?? 0;
  return ({count}) => {
    const order = permutation(count, createRng(seed));
    const nValid = Math.round(count * fraction);
    return {train: sorted(order.subarray(nValid)), valid: sorted(order.subarray(0, nValid))};
  };
}

/** Items for which `isValid(index, source)` returns true validate; the others train. */
export function functionSplitter(isValid: (index: number, source: string | undefined) => boolean): Splitter {
  return ({count, sources}) => {
    const train: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < count; i++) (isValid(i, sources?.[i]) ? valid : train).push(i);
    return {train: Int32Array.from(train), valid: Int32Array.from(valid)};
  };
}

/** Folder names {@link folderSplitter} recognises by default (case-insensitive). */
export const DEFAULT_SPLIT_FOLDERS = {
  train: ['train', 'training'],
  valid: ['valid', 'validation', 'val', 'test', 'testing'],
};

/**
 * Splits by a folder in each item's path (`pets/train/cat/1.png` trains, `pets/valid/cat/7.png` validates): the
 * nearest enclosing folder whose name is in `train` or `valid`. Items under neither are left out, with a warning.
 */
export function folderSplitter(names: {train?: string[]; valid?: string[]} = {}): Splitter {
  const trainNames = new Set((names.train ?? DEFAULT_SPLIT_FOLDERS.train).map((n) => n.toLowerCase()));
  const validNames = new Set((names.valid ?? DEFAULT_SPLIT_FOLDERS.valid).map((n) => n.toLowerCase()));
  return ({count, sources}) => {
    if (!sources) throw new Error('folderSplitter: the items have no paths (sources); it splits files by folder');
    const train: number[] = [];
    const valid: number[] = [];
    const unplaced: string[] = [];
    for (let i = 0; i < count; i++) {
      const folders = sources[i].split(/[\\/]/).slice(0, -1).reverse();
      const found = folders.find((f) => trainNames.has(f.toLowerCase()) || validNames.has(f.toLowerCase()));
      if (found === undefined) unplaced.push(sources[i]);
      else (trainNames.has(found.toLowerCase()) ? train : valid).push(i);
    }
    const looked = `folders named ${[...trainNames].join('/')} (train) or ${[...validNames].join('/')} (valid)`;
    if (train.length === 0 || valid.length === 0) {
      throw new Error(`folderSplitter: found ${train.length} training and ${valid.length} validation items; it looks for ${looked}`);
    }
    if (unplaced.length > 0) {
      console.warn(`folderSplitter: ${unplaced.length} items are in neither split (not under ${looked}), e.g. ${unplaced[0]}`);
    }
    return {train: Int32Array.from(train), valid: Int32Array.from(valid)};
  };
}

const TRUE = /^(1|true|yes|y|t|valid)$/i;
const FALSE = /^(0|false|no|n|f|train|)$/i;

/** Splits by a boolean column (default `is_valid`, fastai's convention): true/1/yes validate, false/0/no/empty train. */
export function columnSplitter(column = 'is_valid'): Splitter {
  return ({count, columns}) => {
    const values = columns?.[column];
    if (!values) {
      const known = Object.keys(columns ?? {});
      throw new Error(`columnSplitter: no column '${column}'${known.length ? ` (columns: ${known.join(', ')})` : ''}`);
    }
    const train: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < count; i++) {
      const v = values[i].trim();
      if (TRUE.test(v)) valid.push(i);
      else if (FALSE.test(v)) train.push(i);
      else throw new Error(`columnSplitter: item ${i} has ${column} = '${values[i]}', not true/false, 1/0 or yes/no`);
    }
    return {train: Int32Array.from(train), valid: Int32Array.from(valid)};
  };
}

function sorted(rows: Int32Array): Int32Array {
  return rows.slice().sort();
}
