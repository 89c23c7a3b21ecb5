/**
 * From a model's layer groups (src/lib/nn/layer-groups.ts: body groups, then the head) to the optimizer's parameter
 * groups. Freezing itself is src/lib/nn/freeze.ts: it flips `trainable`, which the optimizer and the gradient list
 * follow, so every weight a layer group can train is in a parameter group whether frozen now or not.
 */
import * as tf from '@tensorflow/tfjs';
import {layerGroups} from '../nn/layer-groups';
import type {ParamGroup} from '../optim/types';

/** The layers that own weights, looking inside nested models (a pretrained body used as one layer). */
function leafLayers(layer: tf.layers.Layer): tf.layers.Layer[] {
  const nested = (layer as Partial<tf.LayersModel>).layers;
  return Array.isArray(nested) ? nested.flatMap(leafLayers) : [layer];
}

/**
 * The weights a layer trains when unfrozen, frozen or not right now. tfjs-layers keeps them in the protected
 * `_trainableWeights` (its public `trainableWeights` is empty while frozen); moving statistics are never in it.
 */
function trainableWeightsOf(layer: tf.layers.Layer): tf.LayerVariable[] {
  return (layer as unknown as {_trainableWeights: tf.LayerVariable[]})._trainableWeights ?? [];
}

/** The tf.Variable behind a layer weight (what optimizers update and gradients are keyed by). */
export function variableOf(weight: tf.LayerVariable): tf.Variable {
  const v = weight.read();
  if (!(v instanceof tf.Variable)) throw new Error(`weight '${weight.name}' is not backed by a tf.Variable`);
  return v;
}

/** Parameter groups of a model, and which layer group each came from. */
export interface ModelParamGroups {
  /** The model's layer groups, input to output (the last is the head). */
  layerGroups: tf.layers.Layer[][];
  /** Optimizer groups: per layer group, its decayed weights (rank ≥ 2) and, apart, its biases and norm parameters. */
  paramGroups: ParamGroup[];
  /** Layer-group index of each parameter group. */
  layerGroupOf: number[];
  /** Weights the L1/L2 penalty applies to: kernels (rank ≥ 2), not biases or norm parameters (Nielsen, fastai). */
  penalised: tf.Variable[];
}

/**
 * Builds parameter groups. Biases and normalisation parameters (rank < 2) get `wdMult` 0 unless `wdBnBias`
 * (fastai's default leaves them undecayed).
 */
export function modelParamGroups(model: tf.LayersModel, wdBnBias = false): ModelParamGroups {
  const groups = layerGroups(model);
  const paramGroups: ParamGroup[] = [];
  const layerGroupOf: number[] = [];
  const penalised: tf.Variable[] = [];
  groups.forEach((layers, index) => {
    const variables = layers.flatMap(leafLayers).flatMap(trainableWeightsOf).map(variableOf);
    const decayed = variables.filter((v) => v.rank >= 2);
    const rest = variables.filter((v) => v.rank < 2);
    penalised.push(...decayed);
    for (const [vars, wdMult] of [
      [decayed, 1],
      [rest, wdBnBias ? 1 : 0],
    ] as const) {
      if (vars.length === 0) continue;
      paramGroups.push({variables: [...vars], lrMult: 1, wdMult});
      layerGroupOf.push(index);
    }
  });
  if (paramGroups.length === 0) throw new Error('Learner: the model has no trainable weights');
  return {layerGroups: groups, paramGroups, layerGroupOf, penalised};
}
