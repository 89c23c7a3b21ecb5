/**
 * Values → Previews, in the kernel. Tensors are summarised on their own backend (min/max/mean/std and a few leading
 * entries read back), so a 60,000×784 tensor costs a handful of small reads, not a download.
 */
import * as tf from '@tensorflow/tfjs';
import {isDisplaySpec} from '../../../lib/display';
import {tensorBytes, untracked} from '../telemetry/tensor-tracker';
import type {ModelPreview, NumberStats, Preview, TensorPreview} from './preview';

const MAX_ITEMS = 50;
const MAX_ENTRIES = 30;
const MAX_STRING = 2000;
const MAX_DEPTH = 3;

export async function makePreview(value: unknown, depth = 0): Promise<Preview> {
  switch (typeof value) {
    case 'undefined':
      return {kind: 'undefined'};
    case 'number':
    case 'bigint':
    case 'boolean':
      return {kind: typeof value as 'number', text: String(value)};
    case 'symbol':
      return {kind: 'symbol', text: value.toString()};
    case 'string':
      return {kind: 'string', text: value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value, length: value.length};
    case 'function':
      return functionPreview(value);
  }
  if (value === null) return {kind: 'null'};
  if (value instanceof tf.Tensor) return tensorPreview(value);
  if (isLayersModel(value)) return modelPreview(value);
  if (isDisplaySpec(value)) return {kind: 'display', spec: value};
  if (value instanceof Error) return {kind: 'error', name: value.name, message: value.message};
  if (value instanceof Date) return {kind: 'date', text: isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()};
  if (value instanceof RegExp) return {kind: 'regexp', text: String(value)};
  if (value instanceof Promise) return {kind: 'promise', text: 'Promise'};
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return typedArrayPreview(value as unknown as ArrayLike<number> & {constructor: {name: string}});
  if (depth >= MAX_DEPTH) return {kind: 'ref', text: shortName(value as object)};
  if (Array.isArray(value)) {
    const items = await Promise.all(value.slice(0, MAX_ITEMS).map((v) => makePreview(v, depth + 1)));
    return {kind: 'array', length: value.length, items};
  }
  if (value instanceof Map) {
    const entries: [Preview, Preview][] = [];
    for (const [k, v] of [...value].slice(0, MAX_ENTRIES)) entries.push([await makePreview(k, depth + 1), await makePreview(v, depth + 1)]);
    return {kind: 'map', size: value.size, entries};
  }
  if (value instanceof Set) {
    const items = await Promise.all([...value].slice(0, MAX_ITEMS).map((v) => makePreview(v, depth + 1)));
    return {kind: 'set', size: value.size, items};
  }
  const object = value as object;
  const keys = Object.keys(object);
  const entries: [string, Preview][] = [];
  for (const key of keys.slice(0, MAX_ENTRIES)) {
    let v: unknown;
    try {
      v = (value as Record<string, unknown>)[key];
    } catch (error) {
      v = error;
    }
    entries.push([key, await makePreview(v, depth + 1)]);
  }
  return {kind: 'object', name: constructorName(object), entries, more: Math.max(0, keys.length - MAX_ENTRIES)};
}

function functionPreview(fn: Function): Preview {  // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  const text = Function.prototype.toString.call(fn);
  const isClass = /^class\b/.test(text);
  const head = text.slice(0, 300);
  const params = isClass ? '' : (/^[^(]*\(([^)]*)\)/.exec(head)?.[1] ?? (/^(\w+)\s*=>/.exec(head)?.[1] ?? ''));
  return {kind: 'function', name: fn.name, signature: params.replace(/\s+/g, ' ').trim(), isClass};
}

function constructorName(value: object): string {
  // tfjs classes keep their real name in getClassName(); minified constructor names say nothing.
  const named = value as {getClassName?: () => string};
  if (typeof named.getClassName === 'function') {
    try {
      return named.getClassName();
    } catch {
      // fall through
    }
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return 'Object';
  return (proto.constructor as {name?: string} | undefined)?.name || 'Object';
}

function shortName(value: object): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  return constructorName(value);
}

function typedArrayPreview(array: ArrayLike<number> & {constructor: {name: string}}): Preview {
  const items: number[] = [];
  for (let i = 0; i < Math.min(array.length, MAX_ITEMS); i++) items.push(Number(array[i]));
  return {kind: 'typed-array', type: array.constructor.name, length: array.length, items, stats: statsOf(array)};
}

function statsOf(array: ArrayLike<number>): NumberStats | undefined {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  let nonFinite = 0;
  for (let i = 0; i < array.length; i++) {
    const v = Number(array[i]);
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    n++;
    sum += v;
    sumSq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return nonFinite ? {min: NaN, max: NaN, mean: NaN, std: NaN, nonFinite} : undefined;
  const mean = sum / n;
  return {min, max, mean, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), nonFinite};
}

async function tensorPreview(t: tf.Tensor): Promise<TensorPreview> {
  const base: TensorPreview = {
    kind: 'tensor',
    dtype: t.dtype,
    shape: t.shape.slice(),
    size: t.size,
    bytes: tensorBytes(t),
    isVariable: t instanceof tf.Variable,
    disposed: t.isDisposed,
  };
  if (t.isDisposed || t.dtype === 'string' || t.dtype === 'complex64') return base;
  const [statTensors, head] = untracked(() => tf.tidy(() => {
    const x = t.toFloat();
    const finite = tf.isFinite(x);
    const n = finite.sum();
    const safe = tf.where(finite, x, tf.zerosLike(x));
    const mean = tf.div(safe.sum(), tf.maximum(n, 1));
    const big = tf.fill(x.shape, Infinity);
    const min = tf.where(finite, x, big).min();
    const max = tf.where(finite, x, big.neg()).max();
    const variance = tf.div(tf.where(finite, tf.square(tf.sub(x, mean)), tf.zerosLike(x)).sum(), tf.maximum(n, 1));
    const nonFinite = tf.sub(x.size, n);
    const leading = t.rank === 0 ? t.clone() : t.slice(t.shape.map(() => 0), headShape(t.shape));
    return [tf.stack([min, max, mean, tf.sqrt(variance), nonFinite]), leading];
  }));
  try {
    const [stats, values] = await Promise.all([statTensors.data(), head.array()]);
    const [min, max, mean, std, nonFinite] = Array.from(stats);
    return {...base, stats: t.size ? {min, max, mean, std, nonFinite} : undefined, values};
  } finally {
    tf.dispose([statTensors, head]);
  }
}

/** How many leading entries to show along each axis: more for vectors and matrices, fewer as rank grows. */
function headShape(shape: readonly number[]): number[] {
  const per = shape.length <= 1 ? 24 : shape.length === 2 ? 8 : 4;
  return shape.map((d, i) => Math.min(d, i === shape.length - 1 && shape.length > 2 ? 6 : per));
}

interface LayersModelLike {
  name: string;
  layers: {name: string; getClassName(): string; outputShape: unknown; countParams(): number; trainableWeights: {shape: number[]}[]}[];
  countParams(): number;
  summary: unknown;
}

function isLayersModel(value: unknown): value is LayersModelLike {
  return value instanceof tf.LayersModel;
}

function modelPreview(model: LayersModelLike): ModelPreview {
  let trainable = 0;
  const layers = model.layers.map((layer) => {
    for (const w of layer.trainableWeights) trainable += w.shape.reduce((a, b) => a * b, 1);
    let params = 0;
    try {
      params = layer.countParams();
    } catch {
      params = 0;
    }
    return {name: layer.name, type: layer.getClassName(), outputShape: describeShape(layer.outputShape), params};
  });
  let params = 0;
  try {
    params = model.countParams();
  } catch {
    params = layers.reduce((a, l) => a + l.params, 0);
  }
  return {kind: 'model', name: model.name, layers, params, trainableParams: trainable};
}

function describeShape(shape: unknown): string {
  try {
    return JSON.stringify(shape).replace(/null/g, 'None');
  } catch {
    return '?';
  }
}
