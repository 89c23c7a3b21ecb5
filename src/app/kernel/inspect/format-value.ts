/** A short one-line text for a value (console output of cells): tensors by dtype and shape, not their data. */
import * as tf from '@tensorflow/tfjs';

export function formatValue(value: unknown, depth = 0): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'function') return `ƒ ${value.name || '(anonymous)'}()`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (value instanceof tf.Tensor) return `Tensor ${value.dtype} [${value.shape.join(', ')}]${value.isDisposed ? ' (disposed)' : ''}`;
  if (value instanceof Error) return value.stack?.split('\n')[0] ?? `${value.name}: ${value.message}`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    const head = Array.from({length: Math.min(arr.length, 10)}, (_, i) => String(arr[i]));
    return `${value.constructor.name}(${arr.length}) [${head.join(', ')}${arr.length > 10 ? ', …' : ''}]`;
  }
  if (depth >= 2) return Array.isArray(value) ? `Array(${value.length})` : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => formatValue(v, depth + 1));
    return `[${items.join(', ')}${value.length > 20 ? `, … ${value.length - 20} more` : ''}]`;
  }
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  const entries = Object.entries(value).slice(0, 20).map(([k, v]) => `${k}: ${formatValue(v, depth + 1)}`);
  return `{${entries.join(', ')}}`;
}
