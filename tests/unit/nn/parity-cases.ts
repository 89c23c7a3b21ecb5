/**
 * Cross-backend parity cases: every layer and block, tiny shapes. `runCase` builds the case's model, loads the given
 * weights (so every backend computes with the same numbers), and returns the output and the gradients of a fixed
 * projection of it with respect to every input and trainable weight. The wasm (unit) and webgpu test files compare
 * each backend's results with the cpu backend's.
 */
import * as tf from '@tensorflow/tfjs';
import * as nn from '../../../src/lib/nn';
import {projectionLoss, read, values} from './helpers';

export interface ParityCase {
  name: string;
  /** Input shapes, batch axis included. */
  inputs: number[][];
  build(inputs: tf.SymbolicTensor[]): tf.SymbolicTensor;
  /** Apply in training mode (batch statistics, dropout). Default false. */
  training?: boolean;
  /** Forward pass only (dilated convolutions have no gradient). */
  forwardOnly?: boolean;
}

/** A case of one layer, made fresh for every build. */
const one = (make: () => tf.layers.Layer) => (xs: tf.SymbolicTensor[]) => make().apply(xs.length === 1 ? xs[0] : xs) as tf.SymbolicTensor;
const img = [2, 6, 6, 3];

export const PARITY_CASES: ParityCase[] = [
  {name: 'dense (tanh)', inputs: [[2, 5]], build: one(() => nn.dense({units: 4, activation: 'tanh'}))},
  {name: 'conv2d valid', inputs: [img], build: one(() => nn.conv2d({filters: 4, kernelSize: 3}))},
  {name: 'conv2d same, stride 2, relu', inputs: [img], build: one(() => nn.conv2d({filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu'}))},
  {name: 'conv2d 5x5 (Nielsen)', inputs: [[2, 8, 8, 1]], build: one(() => nn.conv2d({filters: 3, kernelSize: 5}))},
  {name: 'conv2d grouped (FlexConv2D)', inputs: [[2, 5, 5, 4]], build: one(() => nn.conv2d({filters: 4, kernelSize: 3, groups: 2, padding: 'same'}))},
  {name: 'conv2d dilated (inference)', inputs: [[2, 7, 7, 2]], build: one(() => nn.conv2d({filters: 3, kernelSize: 3, dilation: 2})), forwardOnly: true},
  {name: 'depthwiseConv2d', inputs: [img], build: one(() => nn.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2, padding: 'same'}))},
  {name: 'separableConv2d', inputs: [img], build: one(() => nn.separableConv2d({filters: 4, kernelSize: 3}))},
  {name: 'conv2dTranspose 2x2/2', inputs: [[2, 3, 3, 4]], build: one(() => nn.conv2dTranspose({filters: 3, kernelSize: 2, strides: 2}))},
  {name: 'maxPool2d 2', inputs: [img], build: one(() => nn.maxPool2d({poolSize: 2}))},
  {name: 'maxPool2d 3/2 same', inputs: [img], build: one(() => nn.maxPool2d({poolSize: 3, strides: 2, padding: 'same'}))},
  {name: 'avgPool2d 2', inputs: [img], build: one(() => nn.avgPool2d({poolSize: 2}))},
  {name: 'avgPool2d 3/2 same', inputs: [[2, 5, 5, 3]], build: one(() => nn.avgPool2d({poolSize: 3, strides: 2, padding: 'same'}))},
  {name: 'globalAvgPool2d', inputs: [img], build: one(() => nn.globalAvgPool2d())},
  {name: 'globalMaxPool2d', inputs: [img], build: one(() => nn.globalMaxPool2d())},
  {name: 'batchNorm (training)', inputs: [img], build: one(() => nn.batchNorm()), training: true},
  {name: 'batchNorm (inference)', inputs: [img], build: one(() => nn.batchNorm())},
  {name: 'dropout (training, seeded)', inputs: [[2, 12]], build: one(() => nn.dropout({rate: 0.3, seed: 5})), training: true},
  {name: 'flatten', inputs: [img], build: one(() => nn.flatten())},
  {name: 'sigmoid', inputs: [[2, 5]], build: one(() => nn.sigmoid())},
  {name: 'tanh', inputs: [[2, 5]], build: one(() => nn.tanh())},
  {name: 'relu', inputs: [[2, 5]], build: one(() => nn.relu())},
  {name: 'leakyRelu', inputs: [[2, 5]], build: one(() => nn.leakyRelu({alpha: 0.1}))},
  {name: 'softmax', inputs: [[2, 5]], build: one(() => nn.softmax())},
  {name: 'gelu', inputs: [[2, 5]], build: one(() => nn.gelu())},
  {name: 'upsample2d nearest', inputs: [[2, 3, 3, 2]], build: one(() => nn.upsample2d())},
  {name: 'upsample2d bilinear', inputs: [[2, 3, 3, 2]], build: one(() => nn.upsample2d({interpolation: 'bilinear'}))},
  {name: 'concatenate', inputs: [[2, 3, 3, 2], [2, 3, 3, 3]], build: one(() => nn.concatenate())},
  {name: 'add', inputs: [[2, 3, 3, 2], [2, 3, 3, 2]], build: one(() => nn.add())},
  {name: 'multiply (broadcast)', inputs: [[2, 3, 3, 2], [2, 1, 1, 2]], build: one(() => nn.multiply())},
  {name: 'basic residual block', inputs: [[2, 6, 6, 4]], build: ([x]) => nn.basicBlock(x, {filters: 4, strides: 2}), training: true},
  {name: 'bottleneck block + SE', inputs: [[2, 4, 4, 8]], build: ([x]) => nn.bottleneckBlock(x, {filters: 2, seRatio: 4}), training: true},
  {name: 'bag-of-tricks block', inputs: [[2, 5, 5, 4]], build: ([x]) => nn.xresBlock(x, {filters: 6, strides: 2}), training: true},
  {name: 'U-Net decoder block (crop)', inputs: [[2, 3, 3, 4], [2, 5, 5, 2]], build: ([x, s]) => nn.unetDecoderBlock(x, s, {filters: 2}), training: true},
];

/** A case's results, each labelled: output, then d/d(input i), then d/d(weight). */
export type ParityResult = [string, Float32Array][];

/**
 * Builds and runs a case on the current backend. With `weights`, loads them (by position) first; returns the results
 * and the weights used, as arrays.
 */
export async function runCase(c: ParityCase, weights?: Float32Array[]): Promise<{results: ParityResult; weights: Float32Array[]}> {
  const symbolic = c.inputs.map((shape) => tf.input({shape: shape.slice(1)}));
  const model = tf.model({inputs: symbolic, outputs: c.build(symbolic)});
  if (weights) {
    model.weights.forEach((w, i) => w.write(tf.tensor(weights[i], w.shape as number[])));
  }
  const used = await read(model.weights.map((w) => w.read()));
  const xs = c.inputs.map((shape, i) => tf.variable(tf.tensor(values(shape.reduce((a, b) => a * b, 1), 11 + i), shape)));
  const forward = () => model.apply(xs.length === 1 ? xs[0] : xs, {training: c.training ?? false}) as tf.Tensor;
  const results: ParityResult = [];
  const y = forward();
  results.push(['output', (await read([y]))[0]]);
  if (!c.forwardOnly) {
    const vars = [...xs, ...model.trainableWeights.map((w) => w.read() as tf.Variable)];
    const {value, grads} = tf.variableGrads(() => projectionLoss(forward()), vars);
    const labels = [...xs.map((_, i) => `d/d input ${i}`), ...model.trainableWeights.map((w, i) => `d/d weight ${i} [${w.shape}]`)];
    const arrays = await read(vars.map((v) => grads[v.name]));
    arrays.forEach((a, i) => results.push([labels[i], a]));
    tf.dispose([value, ...Object.values(grads)]);
  }
  tf.dispose([y, ...xs]);
  model.dispose();
  return {results, weights: used};
}
