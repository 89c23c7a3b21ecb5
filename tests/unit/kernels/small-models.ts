/**
 * Small stand-ins, built from tf.layers, for the models whose training step must run on every backend: they use the
 * same kinds of layers (hence the same forward and gradient kernels) as LeNet-5, Nielsen's two-conv net, ResNet-18
 * and a U-Net, at sizes that keep the cpu reference fast.
 */
import * as tf from '@tensorflow/tfjs';

export interface SmallModel {
  name: string;
  build: () => tf.LayersModel;
  inputShape: [number, number, number];
  /** Output is per-pixel logits (segmentation) rather than per-image. */
  perPixelClasses?: number;
  classes: number;
}

const glorot = (seed: number) => tf.initializers.glorotUniform({seed});

/** LeNet-5 as in the course material: tanh and average pooling. */
function lenet5(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh', kernelInitializer: glorot(1)}),
      tf.layers.averagePooling2d({poolSize: 2}),
      tf.layers.conv2d({filters: 16, kernelSize: 5, activation: 'tanh', kernelInitializer: glorot(2)}),
      tf.layers.averagePooling2d({poolSize: 2}),
      tf.layers.flatten(),
      tf.layers.dense({units: 120, activation: 'tanh', kernelInitializer: glorot(3)}),
      tf.layers.dense({units: 84, activation: 'tanh', kernelInitializer: glorot(4)}),
      tf.layers.dense({units: 10, kernelInitializer: glorot(5)}),
    ],
  });
}

/** Nielsen's network3 two conv-pool layers + FC (ReLU variant), 28x28x1. */
function nielsenTwoConv(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({inputShape: [28, 28, 1], filters: 20, kernelSize: 5, activation: 'relu', kernelInitializer: glorot(1)}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.conv2d({filters: 40, kernelSize: 5, activation: 'relu', kernelInitializer: glorot(2)}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.flatten(),
      tf.layers.dense({units: 100, activation: 'sigmoid', kernelInitializer: glorot(3)}),
      tf.layers.dense({units: 10, kernelInitializer: glorot(4)}),
    ],
  });
}

function convBn(x: tf.SymbolicTensor, filters: number, kernelSize: number, strides: number, seed: number): tf.SymbolicTensor {
  const conv = tf.layers.conv2d({filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: glorot(seed)});
  return tf.layers.batchNormalization().apply(conv.apply(x)) as tf.SymbolicTensor;
}

/** ResNet-18's ingredients: 7x7/2 stem, BN, max pool, basic blocks with identity and strided 1x1 shortcuts, GAP. */
function miniResNet(): tf.LayersModel {
  const input = tf.input({shape: [32, 32, 3]});
  let x = tf.layers.reLU().apply(convBn(input, 8, 7, 2, 1)) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({poolSize: 3, strides: 2, padding: 'same'}).apply(x) as tf.SymbolicTensor;
  const block = (inp: tf.SymbolicTensor, filters: number, strides: number, seed: number) => {
    const branch = convBn(tf.layers.reLU().apply(convBn(inp, filters, 3, strides, seed)) as tf.SymbolicTensor, filters, 3, 1, seed + 1);
    const shortcut = strides === 1 ? inp : convBn(inp, filters, 1, strides, seed + 2);
    return tf.layers.reLU().apply(tf.layers.add().apply([branch, shortcut])) as tf.SymbolicTensor;
  };
  x = block(x, 8, 1, 10);
  x = block(x, 12, 2, 20);
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({units: 5, kernelInitializer: glorot(30)}).apply(x) as tf.SymbolicTensor;
  return tf.model({inputs: input, outputs: out});
}

/** A U-Net's ingredients: down path with pooling, conv-transpose and nearest upsampling, skip concatenations. */
function miniUNet(): tf.LayersModel {
  const input = tf.input({shape: [16, 16, 3]});
  const conv = (x: tf.SymbolicTensor, filters: number, seed: number) =>
    tf.layers.conv2d({filters, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: glorot(seed)}).apply(x) as tf.SymbolicTensor;
  const e1 = conv(input, 6, 1);
  const e2 = conv(tf.layers.maxPooling2d({poolSize: 2}).apply(e1) as tf.SymbolicTensor, 10, 2);
  const bottom = conv(tf.layers.maxPooling2d({poolSize: 2}).apply(e2) as tf.SymbolicTensor, 12, 3);
  const up2 = tf.layers
    .conv2dTranspose({filters: 10, kernelSize: 2, strides: 2, padding: 'same', kernelInitializer: glorot(4)})
    .apply(bottom) as tf.SymbolicTensor;
  const d2 = conv(tf.layers.concatenate().apply([up2, e2]) as tf.SymbolicTensor, 10, 5);
  const up1 = tf.layers.upSampling2d({size: [2, 2]}).apply(d2) as tf.SymbolicTensor;
  const d1 = conv(tf.layers.concatenate().apply([up1, e1]) as tf.SymbolicTensor, 6, 6);
  const logits = tf.layers.conv2d({filters: 3, kernelSize: 1, kernelInitializer: glorot(7)}).apply(d1) as tf.SymbolicTensor;
  return tf.model({inputs: input, outputs: logits});
}

/** Depthwise and separable convs (MobileNet-style), with a channel multiplier and a stride. */
function separableNet(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.depthwiseConv2d({inputShape: [12, 12, 3], kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', depthwiseInitializer: glorot(1)}),
      tf.layers.separableConv2d({filters: 8, kernelSize: 3, padding: 'valid', activation: 'relu', depthwiseInitializer: glorot(2), pointwiseInitializer: glorot(3)}),
      tf.layers.flatten(),
      tf.layers.dense({units: 4, kernelInitializer: glorot(4)}),
    ],
  });
}

export const SMALL_MODELS: SmallModel[] = [
  {name: 'LeNet-5 (tanh, avg pool)', build: lenet5, inputShape: [28, 28, 1], classes: 10},
  {name: "Nielsen's two-conv net", build: nielsenTwoConv, inputShape: [28, 28, 1], classes: 10},
  {name: 'ResNet-style (BN, residual add, strided shortcut, GAP)', build: miniResNet, inputShape: [32, 32, 3], classes: 5},
  {name: 'U-Net-style (conv-transpose, concat, upsampling)', build: miniUNet, inputShape: [16, 16, 3], classes: 3, perPixelClasses: 3},
  {name: 'depthwise + separable convs', build: separableNet, inputShape: [12, 12, 3], classes: 4},
];

/** A deterministic batch for a model: inputs in [0, 1) and one-hot targets (per pixel for segmentation). */
export function batchFor(model: SmallModel, batchSize: number): {x: tf.Tensor4D; y: tf.Tensor} {
  return tf.tidy(() => {
    const x = tf.randomUniform([batchSize, ...model.inputShape], 0, 1, 'float32', 7) as tf.Tensor4D;
    const [h, w] = model.inputShape;
    const labelShape = model.perPixelClasses ? [batchSize, h, w] : [batchSize];
    const labels = tf.randomUniform(labelShape, 0, model.classes, 'int32', 8);
    return {x, y: tf.oneHot(labels as tf.Tensor1D, model.classes)};
  });
}

/** Softmax cross-entropy over the last axis (per image, or per pixel). */
export function lossOf(model: tf.LayersModel, x: tf.Tensor4D, y: tf.Tensor): tf.Scalar {
  const logits = model.apply(x, {training: true}) as tf.Tensor;
  const classes = logits.shape[logits.shape.length - 1]!;
  return tf.losses.softmaxCrossEntropy(y.reshape([-1, classes]), logits.reshape([-1, classes])) as tf.Scalar;
}
