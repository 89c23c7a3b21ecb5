/**
 * `summary(model)`: Keras' layer table as data (the notebook renders `rows`) and as text (Node prints `text`).
 * Parameters are split as Keras does — trainable vs non-trainable — and the non-trainable ones further into frozen
 * weights (would train, but their layer is frozen) and state (BN moving statistics, never trained by gradients).
 */
import type * as tf from '@tensorflow/tfjs';

/** One layer of a {@link ModelSummary}. */
export interface LayerSummary {
  /** Layer name. */
  name: string;
  /** tfjs class name, e.g. `Conv2D`, `BatchNormalization`. */
  type: string;
  /** Output shape with `null` for the batch (and any unknown) axis; several for multi-output layers. */
  outputShape: (number | null)[] | (number | null)[][];
  /** All weights' element count. */
  params: number;
  /** Of those, trainable now. */
  trainableParams: number;
  /** Whether the layer is trainable (false when frozen). */
  trainable: boolean;
  /** Names of the layers feeding this one (empty for inputs). */
  inputs: string[];
}

/** The result of {@link summary}: a serialisable table plus totals and a Keras-style text rendering. */
export interface ModelSummary {
  /** Model name. */
  name: string;
  /** One row per layer, input to output. */
  layers: LayerSummary[];
  /** Every weight's elements. */
  totalParams: number;
  /** Trained by gradients now. */
  trainableParams: number;
  /** Frozen plus statistics (Keras' "Non-trainable params"). */
  nonTrainableParams: number;
  /** Non-trainable because frozen (they would train if unfrozen). */
  frozenParams: number;
  /** Non-trainable by nature: moving statistics (BN mean/variance). */
  stateParams: number;
  /** The table as monospaced text. */
  text: string;
}

type WeightLists = {_trainableWeights?: tf.LayerVariable[]; _nonTrainableWeights?: tf.LayerVariable[]};

const sizeOf = (w: tf.LayerVariable) => w.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
const sum = (ws: readonly tf.LayerVariable[]) => ws.reduce((a, w) => a + sizeOf(w), 0);

/** Weights that are non-trainable by nature; tfjs keeps them in a separate (internal) list from the learnable ones. */
function stateWeights(layer: tf.layers.Layer): tf.LayerVariable[] {
  const nested = (layer as unknown as {layers?: tf.layers.Layer[]}).layers;
  if (Array.isArray(nested)) return nested.flatMap(stateWeights);
  return (layer as unknown as WeightLists)._nonTrainableWeights ?? [];
}

/** The layer table of a model (like Keras' `model.summary()`), as data and as text. */
export function summary(model: tf.LayersModel): ModelSummary {
  const layers: LayerSummary[] = model.layers.map((layer) => ({
    name: layer.name,
    type: layer.getClassName(),
    outputShape: layer.outputShape as LayerSummary['outputShape'],
    params: sum(layer.weights),
    trainableParams: sum(layer.trainableWeights),
    trainable: layer.trainable,
    inputs: inboundLayerNames(layer),
  }));
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  const trainableParams = layers.reduce((a, l) => a + l.trainableParams, 0);
  const stateParams = model.layers.reduce((a, l) => a + sum(stateWeights(l)), 0);
  const result = {
    name: model.name,
    layers,
    totalParams,
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
    frozenParams: totalParams - trainableParams - stateParams,
    stateParams,
  };
  return {...result, text: formatSummary(result)};
}

function inboundLayerNames(layer: tf.layers.Layer): string[] {
  const nodes = (layer as unknown as {inboundNodes?: {inboundLayers: tf.layers.Layer[]}[]}).inboundNodes ?? [];
  return nodes.flatMap((node) => node.inboundLayers.map((l) => l.name));
}

const shapeText = (s: LayerSummary['outputShape']): string =>
  Array.isArray(s[0]) ? (s as (number | null)[][]).map(shapeText).join(', ') : `(${(s as (number | null)[]).map((d) => d ?? 'None').join(', ')})`;

const count = (n: number) => n.toLocaleString('en-US');

function formatSummary(s: Omit<ModelSummary, 'text'>): string {
  // "Connected to" only matters when the graph is not a simple chain, as in Keras.
  const chain = s.layers.every((l, i) => i === 0 || (l.inputs.length === 1 && l.inputs[0] === s.layers[i - 1].name));
  const header = ['Layer (type)', 'Output shape', 'Param #', ...(chain ? [] : ['Connected to'])];
  const rows = s.layers.map((l) => [
    `${l.name} (${l.type})${l.trainable || l.type === 'InputLayer' ? '' : ' [frozen]'}`,
    shapeText(l.outputShape),
    count(l.params),
    ...(chain ? [] : [l.inputs.join(', ')]),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((a, w) => a + w + 2, -2));
  return [
    `Model: "${s.name}"`,
    rule('━'),
    line(header),
    rule('━'),
    ...rows.map(line),
    rule('━'),
    `Total params: ${count(s.totalParams)}`,
    `Trainable params: ${count(s.trainableParams)}`,
    `Non-trainable params: ${count(s.nonTrainableParams)} (frozen ${count(s.frozenParams)}, statistics ${count(s.stateParams)})`,
  ].join('\n');
}
