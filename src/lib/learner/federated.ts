/**
 * Federated averaging (the thesis' experiment): models of identical architecture, trained apart, are combined by
 * the mean, a weighted mean, or a scalar multiple of their weights, into a new model that can be evaluated
 * (`new Learner(model, dls, …).validate()`) and retrained. Every weight takes part, batch-norm statistics included.
 *
 * The arithmetic is the state-dict helpers' of src/lib/nn (`getStateDict`, `weightedMeanStateDicts`,
 * `scaleStateDict`, `setStateDict`). Weights are matched by position, so models whose layers got different
 * automatic names (tfjs numbers them per process) combine as well as library models with fixed names.
 */
import * as tf from '@tensorflow/tfjs';
import {layerGroups, setLayerGroups} from '../nn/layer-groups';
import {
  disposeStateDict,
  getStateDict,
  scaleStateDict,
  setStateDict,
  weightedMeanStateDicts,
  type StateDict,
} from '../nn/state-dict';

/** Where a combination goes: into an existing model of the same architecture, or (default) a fresh copy. */
export interface CombineOptions {
  into?: tf.LayersModel;
}

function checkSameArchitecture(models: readonly tf.LayersModel[]): void {
  const [first, ...rest] = models;
  const shapes = first.weights.map((w) => w.shape.join('x'));
  rest.forEach((m, i) => {
    const other = m.weights.map((w) => w.shape.join('x'));
    if (other.length !== shapes.length) {
      throw new Error(`federated: model ${i + 1} has ${other.length} weights, model 0 has ${shapes.length}`);
    }
    const bad = other.findIndex((s, j) => s !== shapes[j]);
    if (bad >= 0) {
      throw new Error(
        `federated: weight ${bad} ('${m.weights[bad].name}') is [${other[bad]}] in model ${i + 1} but ` +
          `[${shapes[bad]}] in model 0: the architectures differ`,
      );
    }
  });
}

/** A model's state dict keyed by weight position (see the module comment). */
function positionalStateDict(model: tf.LayersModel): StateDict {
  return new Map([...getStateDict(model).values()].map((t, i) => [String(i), t]));
}

/**
 * A copy of a model: same architecture (rebuilt from its JSON topology, so layer names match), same weights, same
 * layer groups. Independent of the original afterwards.
 */
export async function cloneModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  const topology = model.toJSON(null, false) as tf.serialization.ConfigDict;
  const copy = await tf.models.modelFromJSON({modelTopology: topology});
  checkSameArchitecture([model, copy]);
  copy.setWeights(model.weights.map((w) => w.read()));
  setLayerGroups(copy, layerGroups(model).map((g) => g.map((l) => l.name)));
  return copy;
}

/** Computes a state dict from the models' dicts and writes it into `into` (default a copy of the first model). */
async function combine(
  models: readonly tf.LayersModel[],
  options: CombineOptions,
  compute: (dicts: StateDict[]) => StateDict,
): Promise<tf.LayersModel> {
  if (models.length === 0) throw new Error('federated: no models to combine');
  checkSameArchitecture(options.into ? [...models, options.into] : models);
  const dicts = models.map(positionalStateDict);
  let result: StateDict | undefined;
  try {
    result = compute(dicts);
    const target = options.into ?? (await cloneModel(models[0]));
    setStateDict(target, result, {match: 'order'});
    return target;
  } finally {
    dicts.forEach(disposeStateDict);
    if (result) disposeStateDict(result);
  }
}

/**
 * The (weighted) mean of models' weights: `weights` (e.g. each client's item count) are normalised to sum to 1;
 * without them every model counts equally.
 */
export async function averageModels(
  models: readonly tf.LayersModel[],
  options: CombineOptions & {weights?: readonly number[]} = {},
): Promise<tf.LayersModel> {
  const weights = options.weights ?? models.map(() => 1);
  return combine(models, options, (dicts) => weightedMeanStateDicts(dicts, weights));
}

/** A model whose weights are `factor` times those of `model`. */
export async function scaleModel(
  model: tf.LayersModel,
  factor: number,
  options: CombineOptions = {},
): Promise<tf.LayersModel> {
  return combine([model], options, ([dict]) => scaleStateDict(dict, factor));
}
