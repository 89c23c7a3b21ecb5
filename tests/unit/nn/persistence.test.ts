import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {read, relDiff, sgdStep, values} from './helpers';

/** A model with every Deep Sky-specific piece: grouped conv (FlexConv2D), FanNormal init, BN, dropout, yRange head. */
function specialModel(): tf.LayersModel {
  const input = tf.input({shape: [8, 8, 4], name: 'input'});
  let x = nn.convBnAct(input, {filters: 8, groups: 2, name: 'stem'});
  x = nn.residualBlock(x, {filters: 8, strides: 2, shortcut: 'avgpool', zeroInitLastBn: true, seRatio: 4, name: 'block'});
  x = nn.globalAvgPool2d({name: 'head_pool'}).apply(x) as tf.SymbolicTensor;
  x = nn.dropout({rate: 0.2, name: 'head_dropout'}).apply(x) as tf.SymbolicTensor;
  x = nn.dense({units: 2, init: nn.fanNormal({mode: 'fanIn', scale: 2}), name: 'head_fc'}).apply(x) as tf.SymbolicTensor;
  x = nn.applyHeadOutput(x, {yRange: [0, 10]}, 'head');
  const model = tf.model({inputs: input, outputs: x, name: 'special'});
  nn.setLayerGroups(model, [
    model.layers.slice(1).filter((l) => !l.name.startsWith('head')).map((l) => l.name),
    model.layers.filter((l) => l.name.startsWith('head')).map((l) => l.name),
  ]);
  return model;
}

const x = () => tf.tensor4d(values(3 * 8 * 8 * 4, 4), [3, 8, 8, 4]);
const groups = (m: tf.LayersModel) => nn.layerGroups(m).map((g) => g.map((l) => l.name));

async function trained(): Promise<tf.LayersModel> {
  const m = specialModel();
  const optimizer = tf.train.sgd(0.05);
  await sgdStep(m, optimizer, x(), tf.ones([3, 2])); // moves BN statistics and the zero-initialised γ
  optimizer.dispose();
  return m;
}

describe('model files in the tfjs layers format', () => {
  it('are model.json + model.weights.bin with a manifest, the layer groups and every weight', async () => {
    const m = await trained();
    const [json, weights] = await nn.modelToFiles(m, 'galaxy');
    expect([json.name, json.mimeType, weights.name, weights.mimeType]).toEqual(['galaxy.json', 'application/json', 'galaxy.weights.bin', 'application/octet-stream']);
    const parsed = JSON.parse(new TextDecoder().decode(json.bytes));
    expect(parsed.format).toBe('layers-model');
    expect(parsed.modelTopology.class_name).toBe('Model');
    expect(parsed.weightsManifest[0].paths).toEqual(['./galaxy.weights.bin']);
    expect(parsed.userDefinedMetadata.deepSky.layerGroups).toEqual(groups(m));
    const totalWeights = m.weights.reduce((a, w) => a + w.shape.reduce<number>((p, d) => p * (d ?? 1), 1), 0);
    expect(weights.bytes.byteLength).toBe(4 * totalWeights);
    m.dispose();
  });

  it('load back with custom layers, identical predictions, layer groups and frozen layers', async () => {
    const m = await trained();
    m.getLayer('stem_conv').trainable = false;
    const loaded = await nn.modelFromFiles(await nn.modelToFiles(m));
    expect(loaded.getLayer('stem_conv').getClassName()).toBe('FlexConv2D');
    const [a, b] = await read([m.predict(x()) as tf.Tensor, loaded.predict(x()) as tf.Tensor]);
    expect(relDiff(a, b)).toBe(0);
    expect(groups(loaded)).toEqual(groups(m));
    expect(loaded.getLayer('stem_conv').trainable).toBe(false);
    expect(loaded.getLayer('stem_conv').weights[0].trainable).toBe(false);
    // It trains after loading.
    const optimizer = tf.train.sgd(0.05);
    expect(Number.isFinite(await sgdStep(loaded, optimizer, x(), tf.ones([3, 2])))).toBe(true);
    optimizer.dispose();
    m.dispose();
    loaded.dispose();
  });

  it('load from browser-style File objects', async () => {
    const m = nn.lenet5();
    const files = (await nn.modelToFiles(m)).map((f) => new File([f.bytes], f.name, {type: f.mimeType}));
    const loaded = await nn.modelFromFiles(files);
    expect(nn.summary(loaded).totalParams).toBe(61_706);
    const [a, b] = await read([m.predict(tf.ones([1, 28, 28, 1])) as tf.Tensor, loaded.predict(tf.ones([1, 28, 28, 1])) as tf.Tensor]);
    expect(relDiff(a, b)).toBe(0);
    m.dispose();
    loaded.dispose();
  });

  it('of library models name only standard Keras classes (so the converter can take them to Keras)', async () => {
    const models = [nn.resnet18({inputShape: [16, 16, 4], nOut: 1, baseWidth: 2, head: {yRange: [0, 1]}}), nn.network3(nn.NETWORK3_LADDER.dropout), nn.unet({inputShape: [9, 9, 1], nClasses: 2, encoder: {filters: [2, 4]}})];
    const keras = new Set(['Model', 'InputLayer', 'Conv2D', 'Conv2DTranspose', 'BatchNormalization', 'Activation', 'MaxPooling2D', 'Add', 'GlobalAveragePooling2D', 'Dense', 'Rescaling', 'Dropout', 'Flatten', 'Concatenate', 'Cropping2D', 'VarianceScaling', 'RandomNormal', 'Zeros', 'Ones', 'L1L2']);
    for (const m of models) {
      const [json] = await nn.modelToFiles(m);
      const classes = [...new TextDecoder().decode(json.bytes).matchAll(/"class_name":"(\w+)"/g)].map((match) => match[1]);
      expect(classes).toContain('Conv2D');
      expect(classes.filter((c) => !keras.has(c)), m.name).toEqual([]);
      m.dispose();
    }
  });

  it('report what is wrong with a bad set of files', async () => {
    const m = nn.nielsenNetwork([4, 3, 2]);
    const [json, weights] = await nn.modelToFiles(m);
    await expect(nn.modelFromFiles([json])).rejects.toThrow(/needs the weights file 'model.weights.bin', which is not among \[model.json\]/);
    await expect(nn.modelFromFiles([weights])).rejects.toThrow(/expected exactly one .json file/);
    await expect(nn.modelFromFiles([json, {...json, name: 'other.json'}, weights])).rejects.toThrow(/found 2/);
    await expect(nn.modelFromFiles([{...json, bytes: json.bytes.slice(0, 20)}, weights])).rejects.toThrow(/model.json is not valid JSON/);
    await expect(nn.modelFromFiles([json, {...weights, bytes: weights.bytes.slice(0, 8)}])).rejects.toThrow(/hold 8 bytes but model.json describes 92/);
    const noTopology = new TextEncoder().encode(JSON.stringify({weightsManifest: []}));
    await expect(nn.modelFromFiles([{...json, bytes: noTopology}, weights])).rejects.toThrow(/no modelTopology/);
    m.dispose();
  });
});

describe('saveModel / loadModel through tfjs IO handlers (the path indexeddb:// takes)', () => {
  it('round-trips a U-Net with its groups', async () => {
    const m = nn.unet({inputShape: [9, 9, 1], nClasses: 2, encoder: {filters: [4, 8]}});
    let artifacts: tf.io.ModelArtifacts | undefined;
    await nn.saveModel(
      m,
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
      }),
    );
    const loaded = await nn.loadModel(tf.io.fromMemory(artifacts!));
    expect(groups(loaded)).toEqual(groups(m));
    expect(loaded.getLayer('dec1_crop').outputShape).toEqual([null, 9, 9, 4]);
    const input = tf.tensor4d(values(81, 2), [1, 9, 9, 1]);
    const [a, b] = await read([m.predict(input) as tf.Tensor, loaded.predict(input) as tf.Tensor]);
    expect(relDiff(a, b)).toBe(0);
    m.dispose();
    loaded.dispose();
  });
});
