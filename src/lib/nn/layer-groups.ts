/**
 * Layer groups: a model's layers split, input to output, into groups that train with their own learning-rate
 * multiplier and freeze together. The last group is the head. Library models record their groups when built
 * (e.g. ResNet: stem+early stages / late stages / head); any other model gets two groups, body and last layer.
 */
import type * as tf from '@tensorflow/tfjs';

const recorded = new WeakMap<tf.LayersModel, string[][]>();

/** Records a model's layer groups by layer name (input to output; the last is the head). */
export function setLayerGroups(model: tf.LayersModel, groups: string[][]): void {
  const known = new Set(model.layers.map((l) => l.name));
  for (const name of groups.flat()) {
    if (!known.has(name)) throw new Error(`setLayerGroups: the model has no layer named '${name}'`);
  }
  if (groups.length === 0 || groups.some((g) => g.length === 0)) {
    throw new Error('setLayerGroups: every group needs at least one layer');
  }
  recorded.set(model, groups.map((g) => [...g]));
}

/** The model's layer groups (input layers excluded), input to output; the last group is the head. */
export function layerGroups(model: tf.LayersModel): tf.layers.Layer[][] {
  const names = recorded.get(model);
  if (names) return names.map((g) => g.map((n) => model.getLayer(n)));
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length < 2) return [layers];
  return [layers.slice(0, -1), layers.slice(-1)];
}
