/**
 * Weights as a typed state dict: an ordered map from weight name to tensor, like PyTorch's `state_dict()`. Names are
 * tfjs' weight names, `<layer>/<weight>` (e.g. `layer1_0_1_conv/kernel`, `layer1_0_1_bn/moving_mean`), in layer
 * order; BN moving statistics are included (PyTorch's buffers). Library models name their layers, so two models
 * built by the same call have the same keys and their dicts can be averaged (federated averaging), compared, or
 * copied from one to the other.
 *
 * Ownership: every function here returns new tensors that the caller owns (dispose them with
 * {@link disposeStateDict}); inputs are never disposed.
 */
import * as tf from '@tensorflow/tfjs';

/** Weight name → tensor, in the model's layer order. */
export type StateDict = Map<string, tf.Tensor>;

/** A state dict as plain arrays: what crosses a worker boundary or goes into storage. */
export type StateDictArrays = Record<string, {shape: number[]; values: Float32Array}>;

/** The model's weights with their state-dict names, in layer order. */
export function namedWeights(model: tf.LayersModel): [string, tf.LayerVariable][] {
  const out: [string, tf.LayerVariable][] = [];
  const seen = new Set<string>();
  const visit = (layer: tf.layers.Layer) => {
    const nested = (layer as unknown as {layers?: tf.layers.Layer[]}).layers;
    if (Array.isArray(nested)) {
      nested.forEach(visit);
      return;
    }
    for (const w of layer.weights) {
      if (seen.has(w.originalName)) {
        throw new Error(`state dict: two weights of '${model.name}' are both named '${w.originalName}'; give the layers unique names`);
      }
      seen.add(w.originalName);
      out.push([w.originalName, w]);
    }
  };
  model.layers.forEach(visit);
  return out;
}

/** Options of {@link getStateDict}. */
export interface GetStateDictOptions {
  /** Only trainable weights (no BN statistics, nothing frozen). Default false. */
  trainableOnly?: boolean;
}

/** A snapshot of the model's weights (copies the caller owns; later training does not change them). */
export function getStateDict(model: tf.LayersModel, options: GetStateDictOptions = {}): StateDict {
  const dict: StateDict = new Map();
  for (const [name, w] of namedWeights(model)) {
    if (options.trainableOnly && !w.trainable) continue;
    dict.set(name, tf.clone(w.read()));
  }
  return dict;
}

/** Options of {@link setStateDict}. */
export interface SetStateDictOptions {
  /**
   * Require exactly the model's weight names (default). With `strict: false`, missing names keep their current
   * values and unknown names are ignored; shapes must match either way.
   */
  strict?: boolean;
  /**
   * Match entries to weights by `name` (default) or by position (`order`): the latter copies between two models of
   * the same architecture whose layers were named differently (e.g. tfjs' automatic names).
   */
  match?: 'name' | 'order';
}

/** Loads weights into the model, checking names and shapes first; nothing is written unless all checks pass. */
export function setStateDict(
  model: tf.LayersModel,
  dict: StateDict | tf.NamedTensorMap,
  options: SetStateDictOptions = {},
): void {
  const entries = dict instanceof Map ? [...dict.entries()] : Object.entries(dict);
  const weights = namedWeights(model);
  const strict = options.strict ?? true;
  const pairs: [tf.LayerVariable, tf.Tensor, string][] = [];
  const problems: string[] = [];
  if (options.match === 'order') {
    if (entries.length !== weights.length && strict) {
      problems.push(`the model has ${weights.length} weights but the state dict has ${entries.length}`);
    }
    weights.slice(0, entries.length).forEach(([name, w], i) => pairs.push([w, entries[i][1], `${entries[i][0]} → ${name}`]));
  } else {
    const given = new Map(entries);
    const missing = weights.filter(([name]) => !given.has(name)).map(([name]) => name);
    const known = new Set(weights.map(([name]) => name));
    const unexpected = entries.filter(([name]) => !known.has(name)).map(([name]) => name);
    if (strict && missing.length) problems.push(`missing ${missing.length} weight(s): ${list(missing)}`);
    if (strict && unexpected.length) problems.push(`${unexpected.length} unexpected name(s): ${list(unexpected)}`);
    for (const [name, w] of weights) if (given.has(name)) pairs.push([w, given.get(name)!, name]);
  }
  for (const [w, t, label] of pairs) {
    const expected = w.shape as number[];
    if (!tf.util.arraysEqual(expected, t.shape)) problems.push(`'${label}' has shape [${t.shape}], the model expects [${expected}]`);
    else if (t.dtype !== w.dtype) problems.push(`'${label}' has dtype ${t.dtype}, the model expects ${w.dtype}`);
  }
  if (problems.length) throw new Error(`setStateDict('${model.name}'): ${problems.join('; ')}`);
  for (const [w, t] of pairs) w.write(t);
}

function list(names: string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')}, … (${names.length - 8} more)`;
}

/** Disposes every tensor of a state dict. */
export function disposeStateDict(dict: StateDict): void {
  for (const t of dict.values()) t.dispose();
}

/** Checks that dicts have the same names in the same order with the same shapes; returns the names. */
function sameLayout(dicts: readonly StateDict[], what: string): string[] {
  if (dicts.length === 0) throw new Error(`${what}: needs at least one state dict`);
  const names = [...dicts[0].keys()];
  dicts.forEach((d, i) => {
    const other = [...d.keys()];
    if (other.length !== names.length || other.some((n, j) => n !== names[j])) {
      throw new Error(`${what}: state dict ${i} does not have the same names as state dict 0`);
    }
    for (const n of names) {
      if (!tf.util.arraysEqual(d.get(n)!.shape, dicts[0].get(n)!.shape)) {
        throw new Error(`${what}: '${n}' has shape [${d.get(n)!.shape}] in state dict ${i} but [${dicts[0].get(n)!.shape}] in state dict 0`);
      }
    }
  });
  return names;
}

function mapEntries(names: string[], f: (name: string) => tf.Tensor): StateDict {
  return new Map(names.map((n) => [n, tf.tidy(() => f(n))]));
}

/**
 * Σ wᵢ·dictᵢ / Σ wᵢ, entry by entry: FedAvg weighs clients by their number of examples. Weights must be
 * non-negative with a positive sum.
 */
export function weightedMeanStateDicts(dicts: readonly StateDict[], weights: readonly number[]): StateDict {
  const names = sameLayout(dicts, 'weightedMeanStateDicts');
  if (weights.length !== dicts.length) {
    throw new Error(`weightedMeanStateDicts: ${dicts.length} state dicts but ${weights.length} weights`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.some((w) => !(w >= 0)) || !(total > 0)) {
    throw new Error(`weightedMeanStateDicts: weights must be non-negative with a positive sum, got [${weights.join(', ')}]`);
  }
  return mapEntries(names, (n) => tf.addN(dicts.map((d, i) => tf.mul(d.get(n)!, weights[i] / total))));
}

/** The entry-wise mean of state dicts of the same layout. */
export function meanStateDicts(dicts: readonly StateDict[]): StateDict {
  return weightedMeanStateDicts(dicts, dicts.map(() => 1));
}

/** `factor · dict`, entry by entry. */
export function scaleStateDict(dict: StateDict, factor: number): StateDict {
  return mapEntries([...dict.keys()], (n) => tf.mul(dict.get(n)!, factor));
}

/** `a + b`, entry by entry (e.g. global weights + an averaged update). */
export function addStateDicts(a: StateDict, b: StateDict): StateDict {
  const names = sameLayout([a, b], 'addStateDicts');
  return mapEntries(names, (n) => tf.add(a.get(n)!, b.get(n)!));
}

/** `a − b`, entry by entry (e.g. a client's update relative to the global weights). */
export function subStateDicts(a: StateDict, b: StateDict): StateDict {
  const names = sameLayout([a, b], 'subStateDicts');
  return mapEntries(names, (n) => tf.sub(a.get(n)!, b.get(n)!));
}

/** How two state dicts differ, per entry: the largest absolute difference. */
export async function compareStateDicts(a: StateDict, b: StateDict): Promise<{name: string; maxAbsDiff: number}[]> {
  const names = sameLayout([a, b], 'compareStateDicts');
  const diffs = names.map((n) => tf.tidy(() => tf.max(tf.abs(tf.sub(a.get(n)!, b.get(n)!)))));
  const values = await Promise.all(diffs.map((d) => d.data()));
  tf.dispose(diffs);
  return names.map((name, i) => ({name, maxAbsDiff: values[i][0]}));
}

/** Downloads a state dict into plain arrays (float32), e.g. to post it to another worker or store it. */
export async function stateDictToArrays(dict: StateDict): Promise<StateDictArrays> {
  const out: StateDictArrays = {};
  for (const [name, t] of dict) {
    out[name] = {shape: [...t.shape], values: Float32Array.from(await t.data())};
  }
  return out;
}

/** A state dict from plain arrays (the inverse of {@link stateDictToArrays}). */
export function stateDictFromArrays(arrays: StateDictArrays): StateDict {
  return new Map(Object.entries(arrays).map(([name, {shape, values}]) => [name, tf.tensor(values, shape, 'float32')]));
}
