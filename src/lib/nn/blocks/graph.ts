/** Small helpers for building functional (graph) models from blocks. */
import * as tf from '@tensorflow/tfjs';

/** Applies a layer to one symbolic tensor and returns its one output. */
export function applyLayer(layer: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  const out = layer.apply(input);
  if (Array.isArray(out) || !(out instanceof tf.SymbolicTensor)) {
    throw new Error(`layer '${layer.name}' did not return one symbolic tensor; blocks work on model inputs (tf.input) only`);
  }
  return out;
}

/** Applies layers in order (a chain). */
export function chain(input: tf.SymbolicTensor, ...layers: tf.layers.Layer[]): tf.SymbolicTensor {
  return layers.reduce((x, layer) => applyLayer(layer, x), input);
}

const counters = new Map<string, number>();

/** `prefix_N`, unique in this session: a default name for a block whose caller gave none. */
export function uniqueName(prefix: string): string {
  const n = counters.get(prefix) ?? 0;
  counters.set(prefix, n + 1);
  return `${prefix}_${n}`;
}

/** Height, width and channels of a symbolic [B,H,W,C] tensor; throws if any is unknown. */
export function spatialShape(x: tf.SymbolicTensor, where: string): [number, number, number] {
  const [, h, w, c] = x.shape;
  if (x.shape.length !== 4 || h == null || w == null || c == null) {
    throw new Error(`${where}: expected a [batch, height, width, channels] input of known size, got [${x.shape.join(', ')}]`);
  }
  return [h, w, c];
}
