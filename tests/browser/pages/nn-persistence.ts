/**
 * Test page: models saved to IndexedDB and to downloadable files in a real browser. `?phase=save` builds a model with
 * Deep Sky's custom pieces, saves it to IndexedDB and round-trips it through File objects; `?phase=load` (a reload of
 * the page) loads it back from IndexedDB, compares, and deletes it. Results land on `window.nnPersistence` for
 * tests/browser/nn-persistence.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import * as nn from '../../../src/lib/nn';

export interface NnPersistenceReport {
  phase: string;
  /** Keys listed in IndexedDB after the phase's work. */
  keys: string[];
  /** Predictions of the model on a fixed input (save: original; load: loaded from IndexedDB). */
  prediction: number[];
  /** save: predictions of the model loaded back from File objects. */
  filePrediction?: number[];
  /** Layer groups of the loaded model. */
  groups: string[][];
  /** Class of the grouped conv after loading. */
  stemClass: string;
  error?: string;
}

const KEY = 'deep-sky-nn-persistence-test';

function model(): tf.LayersModel {
  const input = tf.input({shape: [8, 8, 4], name: 'input'});
  let x = nn.convBnAct(input, {filters: 8, groups: 2, name: 'stem'});
  x = nn.xresBlock(x, {filters: 8, strides: 2, name: 'block'});
  x = nn.globalAvgPool2d({name: 'head_pool'}).apply(x) as tf.SymbolicTensor;
  x = nn.dense({units: 2, init: nn.fanNormal({mode: 'fanIn'}), name: 'head_fc'}).apply(x) as tf.SymbolicTensor;
  const m = tf.model({inputs: input, outputs: nn.applyHeadOutput(x, {yRange: [-2, 2]}, 'head')});
  nn.setLayerGroups(m, [m.layers.slice(1).filter((l) => !l.name.startsWith('head')).map((l) => l.name), ['head_pool', 'head_fc', 'head_sigmoid', 'head_range']]);
  return m;
}

const input = () => tf.tensor4d(Float32Array.from({length: 2 * 8 * 8 * 4}, (_, i) => Math.sin(i)), [2, 8, 8, 4]);
const predict = async (m: tf.LayersModel) => Array.from(await (m.predict(input()) as tf.Tensor).data());
const groups = (m: tf.LayersModel) => nn.layerGroups(m).map((g) => g.map((l) => l.name));

async function run(phase: string): Promise<NnPersistenceReport> {
  await tf.setBackend('cpu');
  if (phase === 'save') {
    const m = model();
    await nn.saveModelToIndexedDb(m, KEY);
    const files = (await nn.modelToFiles(m, 'galaxy')).map((f) => new File([new Blob([f.bytes], {type: f.mimeType})], f.name));
    const fromFiles = await nn.modelFromFiles(files);
    return {
      phase,
      keys: Object.keys(await nn.listIndexedDbModels()),
      prediction: await predict(m),
      filePrediction: await predict(fromFiles),
      groups: groups(fromFiles),
      stemClass: fromFiles.getLayer('stem_conv').getClassName(),
    };
  }
  const loaded = await nn.loadModelFromIndexedDb(KEY);
  const report = {
    phase,
    prediction: await predict(loaded),
    groups: groups(loaded),
    stemClass: loaded.getLayer('stem_conv').getClassName(),
  };
  await nn.deleteIndexedDbModel(KEY);
  return {...report, keys: Object.keys(await nn.listIndexedDbModels())};
}

const phase = new URLSearchParams(location.search).get('phase') ?? 'save';
const target = globalThis as unknown as {nnPersistence?: NnPersistenceReport};
run(phase)
  .then((report) => (target.nnPersistence = report))
  .catch((error: unknown) => {
    target.nnPersistence = {phase, keys: [], prediction: [], groups: [], stemClass: '', error: String((error as Error)?.stack ?? error)};
  })
  .finally(() => {
    document.getElementById('status')!.textContent = 'done';
  });
