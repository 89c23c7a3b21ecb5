/**
 * An in-memory dataset: every item's input values and target in flat typed arrays, item after item. The file
 * sources (folders, CSV, FITS) produce one, and `DataLoaders.fromDataset` batches it.
 */

/** Typed arrays a dataset may store values in. */
export type HostArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * What the targets are: a class index per item, several classes at once (multi-hot), real numbers, or a per-pixel
 * class map (segmentation mask).
 */
export type TargetKind = 'class' | 'multi-label' | 'regression' | 'mask';

/** Items and targets held in host memory. */
export interface ArrayDataset {
  /** Input values of all items, `count * prod(itemShape)`, row-major, item after item (as stored, not scaled). */
  x: HostArray;
  /** Shape of one input: [H, W, C] for images, [F] for vectors. */
  itemShape: number[];
  /** Targets of all items, `count * prod(yShape)`. */
  y: HostArray;
  /** Shape of one target: [] for a class index or a single value (default), [K] for multi-label/regression, [H, W] for masks. */
  yShape?: number[];
  /** Inferred when absent: [H, W] targets are masks, integer arrays are classes, float arrays regression. */
  target?: TargetKind;
  /** Class names, index = class code (classification, multi-label, masks). */
  classes?: string[];
  /** Where each item came from (file path, catalog id): used in previews and by the leakage guard. */
  sources?: string[];
  /** Content hash of each item's original bytes (e.g. its file), for the leakage guard. */
  hashes?: string[];
  /** Per-item text columns (e.g. from a CSV), for splitters such as `columnSplitter('is_valid')`. */
  columns?: Record<string, string[]>;
}

/** A dataset with every optional field that loaders need filled in and checked. */
export interface CheckedDataset extends ArrayDataset {
  count: number;
  itemSize: number;
  yShape: number[];
  ySize: number;
  target: TargetKind;
}

const INTEGER_ARRAYS = [Uint8Array, Uint8ClampedArray, Int8Array, Uint16Array, Int16Array, Int32Array];

/** Checks that the arrays agree with the shapes and infers what is missing; `name` prefixes error messages. */
export function checkDataset(dataset: ArrayDataset, name: string): CheckedDataset {
  const itemSize = product(dataset.itemShape, `${name}: itemShape`);
  if (dataset.x.length % itemSize !== 0) {
    throw new Error(
      `${name}: x has ${dataset.x.length} values, not a whole number of items of shape [${dataset.itemShape.join(', ')}] (${itemSize} values each)`,
    );
  }
  const count = dataset.x.length / itemSize;
  const yShape = dataset.yShape ?? inferYShape(dataset.y.length, count);
  const ySize = product(yShape, `${name}: yShape`);
  if (dataset.y.length !== count * ySize) {
    throw new Error(
      `${name}: x holds ${count} items but y has ${dataset.y.length} values; ${count} targets of shape [${yShape.join(', ')}] need ${count * ySize}`,
    );
  }
  const integer = INTEGER_ARRAYS.some((T) => dataset.y instanceof T);
  const target = dataset.target ?? (yShape.length === 2 ? 'mask' : integer && yShape.length === 0 ? 'class' : 'regression');
  if ((target === 'class' && yShape.length !== 0) || (target === 'mask' && yShape.length !== 2)) {
    throw new Error(`${name}: ${target} targets need yShape ${target === 'class' ? '[]' : '[H, W]'}, got [${yShape.join(', ')}]`);
  }
  if (target === 'mask' && (dataset.itemShape.length !== 3 || dataset.itemShape[0] !== yShape[0] || dataset.itemShape[1] !== yShape[1])) {
    throw new Error(
      `${name}: masks of shape [${yShape.join(', ')}] must match the images' height and width (items are [${dataset.itemShape.join(', ')}])`,
    );
  }
  for (const [key, list] of [['sources', dataset.sources], ['hashes', dataset.hashes]] as const) {
    if (list && list.length !== count) throw new Error(`${name}: ${key} has ${list.length} entries for ${count} items`);
  }
  return {...dataset, count, itemSize, yShape, ySize, target};
}

function inferYShape(yLength: number, count: number): number[] {
  if (count === 0 || yLength === count) return [];
  if (yLength % count === 0) return [yLength / count];
  return [];
}

function product(shape: readonly number[], what: string): number {
  if (!shape.every((d) => Number.isInteger(d) && d > 0)) throw new Error(`${what} [${shape.join(', ')}] must be positive integers`);
  return shape.reduce((a, b) => a * b, 1);
}

/** Image geometry of an item shape: [H, W, C] as is, a flat [side²] vector as a one-channel square; else undefined. */
export function imageGeometry(itemShape: readonly number[]): [number, number, number] | undefined {
  if (itemShape.length === 3) return [itemShape[0], itemShape[1], itemShape[2]];
  if (itemShape.length === 2) return [itemShape[0], itemShape[1], 1];
  if (itemShape.length === 1) {
    const side = Math.round(Math.sqrt(itemShape[0]));
    if (side > 1 && side * side === itemShape[0]) return [side, side, 1];
  }
  return undefined;
}

/** A readable target for item `row` (class name, active labels, values, or a mask summary). */
export function describeTarget(dataset: CheckedDataset, row: number): string {
  const {y, ySize} = dataset;
  return describeTargetValues(y.subarray(row * ySize, (row + 1) * ySize), dataset.target, dataset.classes);
}

/** A readable form of one item's target values. */
export function describeTargetValues(values: ArrayLike<number>, target: TargetKind, classes?: readonly string[]): string {
  const list = Array.from(values);
  switch (target) {
    case 'class':
      return classes?.[list[0]] ?? String(list[0]);
    case 'multi-label':
      return list.flatMap((v, k) => (v > 0.5 ? [classes?.[k] ?? String(k)] : [])).join(';');
    case 'regression':
      return list.map(formatNumber).join(', ');
    case 'mask': {
      const present = [...new Set(list)].sort((a, b) => a - b);
      return `mask: ${present.map((c) => classes?.[c] ?? String(c)).join(', ')}`;
    }
  }
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
