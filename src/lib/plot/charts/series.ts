/** Conversions from what callers hold (typed arrays, plain arrays) to what plot specs carry (plain arrays, gaps as null). */
import type {PlotValue} from '../plot-spec';

/** A copy of `values` as a plain array with NaN and ±Infinity as `null` (a gap). */
export function toPlotValues(values: ArrayLike<number>): PlotValue[] {
  const out = new Array<PlotValue>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]) ? values[i] : null;
  return out;
}

/** `[start, start + 1, …]`, `length` values. */
export function positions(length: number, start = 0): number[] {
  return Array.from({length}, (_, i) => start + i);
}

/** Whether `value` is array-like (a plain or typed array), as opposed to a record of named series. */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/** Throws unless `x` and `y` have the same length, naming the series. */
export function checkSameLength(name: string, x: ArrayLike<unknown>, y: ArrayLike<unknown>): void {
  if (x.length !== y.length) throw new RangeError(`${name}: x has ${x.length} values but y has ${y.length}`);
}
