/**
 * Saving and loading models in the tfjs layers format (model.json + weights.bin), which tfjs' converter turns into a
 * Keras model (`tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras`). Library models use
 * only standard Keras layers; the one custom layer, FlexConv2D (grouped or dilated convolutions), is registered with
 * tfjs so it loads back here (Keras would need an equivalent custom layer). Layer groups travel in the model.json's
 * `userDefinedMetadata` and are restored on load.
 *
 * - In the browser: `saveModel(model, 'indexeddb://galaxy-resnet')` survives reloads; `loadModel` reads it back.
 * - Downloads: `modelToFiles(model)` returns the two files as bytes for the notebook to offer; `modelFromFiles`
 *   loads them back (from bytes, or from the `File`s of an upload).
 */
import * as tf from '@tensorflow/tfjs';
import {syncTrainable} from './freeze';
import {layerGroups, setLayerGroups} from './layer-groups';

/** One file of a saved model. */
export interface ModelFile {
  /** File name, e.g. `model.json`, `model.weights.bin`. */
  name: string;
  /** `application/json` or `application/octet-stream`. */
  mimeType: string;
  /** The contents (backed by a plain ArrayBuffer, so `new Blob([file.bytes])` works as is). */
  bytes: Uint8Array<ArrayBuffer>;
}

/** A file to load from: a {@link ModelFile}, or a browser `File` (name + contents). */
export type ModelFileInput = ModelFile | {name: string; arrayBuffer(): Promise<ArrayBuffer>};

const METADATA_KEY = 'deepSky';

interface DeepSkyMetadata {
  layerGroups?: string[][];
}

function withGroupMetadata(model: tf.LayersModel): void {
  const groups = layerGroups(model).map((g) => g.map((l) => l.name));
  const current = (model.getUserDefinedMetadata() ?? {}) as Record<string, unknown>;
  model.setUserDefinedMetadata({...current, [METADATA_KEY]: {layerGroups: groups} satisfies DeepSkyMetadata});
}

/** Layer groups from the metadata, and frozen layers' variables made non-trainable. */
function restoreGroupMetadata(model: tf.LayersModel): tf.LayersModel {
  syncTrainable(model);
  const meta = (model.getUserDefinedMetadata() as Record<string, DeepSkyMetadata | undefined> | undefined)?.[METADATA_KEY];
  if (meta?.layerGroups) setLayerGroups(model, meta.layerGroups);
  return model;
}

/**
 * Saves a model (topology, weights, layer groups) to a tfjs URL — `indexeddb://name`, `localstorage://name`,
 * `downloads://name` (browser), `http(s)://…` (POST) — or to any tfjs IOHandler.
 */
export async function saveModel(model: tf.LayersModel, destination: string | tf.io.IOHandler): Promise<tf.io.SaveResult> {
  withGroupMetadata(model);
  return model.save(destination);
}

/** Loads a model saved by {@link saveModel} (or any tfjs layers model) from a URL or IOHandler, with its layer groups. */
export async function loadModel(source: string | tf.io.IOHandler): Promise<tf.LayersModel> {
  return restoreGroupMetadata(await tf.loadLayersModel(source));
}

/** Saves a model in the browser's IndexedDB under `key` (kept across page reloads). */
export function saveModelToIndexedDb(model: tf.LayersModel, key: string): Promise<tf.io.SaveResult> {
  return saveModel(model, `indexeddb://${key}`);
}

/** Loads a model saved with {@link saveModelToIndexedDb}. */
export function loadModelFromIndexedDb(key: string): Promise<tf.LayersModel> {
  return loadModel(`indexeddb://${key}`);
}

/** Models stored in IndexedDB: key → sizes and date saved. */
export async function listIndexedDbModels(): Promise<Record<string, tf.io.ModelArtifactsInfo>> {
  const all = await tf.io.listModels();
  const prefix = 'indexeddb://';
  return Object.fromEntries(Object.entries(all).filter(([url]) => url.startsWith(prefix)).map(([url, info]) => [url.slice(prefix.length), info]));
}

/** Deletes a model from IndexedDB. */
export async function deleteIndexedDbModel(key: string): Promise<void> {
  await tf.io.removeModel(`indexeddb://${key}`);
}

/**
 * The model as the two files of the tfjs layers format — `<name>.json` and `<name>.weights.bin` — as bytes the
 * notebook can offer as downloads (`new Blob([file.bytes], {type: file.mimeType})`).
 */
export async function modelToFiles(model: tf.LayersModel, name = 'model'): Promise<[ModelFile, ModelFile]> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await saveModel(
    model,
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
    }),
  );
  if (!artifacts?.weightSpecs || artifacts.weightData === undefined) throw new Error('modelToFiles: tfjs produced no weights');
  const weightsName = `${name}.weights.bin`;
  const json = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{paths: [`./${weightsName}`], weights: artifacts.weightSpecs}],
    ...(artifacts.trainingConfig ? {trainingConfig: artifacts.trainingConfig} : {}),
    ...(artifacts.userDefinedMetadata ? {userDefinedMetadata: artifacts.userDefinedMetadata} : {}),
  };
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  return [
    {name: `${name}.json`, mimeType: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(json))},
    {name: weightsName, mimeType: 'application/octet-stream', bytes: weights},
  ];
}

/** Bytes the weight specs describe, when that is fixed (not for strings). */
function expectedBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((p, d) => p * d, 1);
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const bytes = {float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2}[dtype as string];
    if (bytes === undefined) return undefined;
    total += size * bytes;
  }
  return total;
}

const baseName = (path: string) => path.split('/').pop() ?? path;

async function bytesOf(file: ModelFileInput): Promise<Uint8Array> {
  // (A browser File has a `bytes()` method in newer runtimes, hence the instanceof test.)
  return 'bytes' in file && file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(await (file as {arrayBuffer(): Promise<ArrayBuffer>}).arrayBuffer());
}

/**
 * Loads a model from the files of the tfjs layers format (one `.json` plus the weight files its manifest names,
 * matched by file name), e.g. the output of {@link modelToFiles} or the `File`s of an upload.
 */
export async function modelFromFiles(files: readonly ModelFileInput[]): Promise<tf.LayersModel> {
  const jsonFiles = files.filter((f) => f.name.endsWith('.json'));
  if (jsonFiles.length !== 1) {
    throw new Error(`modelFromFiles: expected exactly one .json file among [${files.map((f) => f.name).join(', ')}], found ${jsonFiles.length}`);
  }
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(await bytesOf(jsonFiles[0]))) as tf.io.ModelJSON;
  } catch (error) {
    throw new Error(`modelFromFiles: ${jsonFiles[0].name} is not valid JSON (${(error as Error).message})`);
  }
  if (modelJson.modelTopology == null) {
    throw new Error(`modelFromFiles: ${jsonFiles[0].name} has no modelTopology; is it a tfjs layers model.json?`);
  }
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: Uint8Array[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const path of group.paths) {
        const file = byName.get(baseName(path));
        if (!file) {
          throw new Error(`modelFromFiles: ${jsonFiles[0].name} needs the weights file '${baseName(path)}', which is not among [${files.map((f) => f.name).join(', ')}]`);
        }
        buffers.push(await bytesOf(file));
      }
    }
    const total = buffers.reduce((a, b) => a + b.byteLength, 0);
    const joined = new Uint8Array(total);
    buffers.reduce((offset, b) => (joined.set(b, offset), offset + b.byteLength), 0);
    const expected = expectedBytes(specs);
    if (expected !== undefined && total !== expected) {
      throw new Error(`modelFromFiles: the weight files hold ${total} bytes but ${jsonFiles[0].name} describes ${expected}; are they from the same save?`);
    }
    return [specs, joined.buffer];
  });
  return loadModel(tf.io.fromMemory(artifacts));
}
