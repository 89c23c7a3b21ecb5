/**
 * ResNet-18/34/50/101/152 (He et al. 2016) in torchvision's layout (bottleneck stride on the 3x3 conv, "v1.5"), for
 * any input size and channel count (galaxy cutouts are 200x200x3 or x4): global average pooling makes the head
 * independent of the image size. At 224x224x3 with 1000 classes the trainable parameters are torchvision's
 * 11,689,512 / 21,797,672 / 25,557,032 (BN moving statistics are non-trainable weights, as PyTorch's buffers).
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer, convBnAct, residualBlock} from '../blocks';
import {dense, dropout, globalAvgPool2d, maxPool2d} from '../layers';
import {applyHeadOutput, type HeadOutput} from './head';
import {groupLayersByPrefix} from './groups';

/** The depths {@link resnet} builds. */
export type ResNetDepth = 18 | 34 | 50 | 101 | 152;

const STAGES: Record<ResNetDepth, {kind: 'basic' | 'bottleneck'; blocks: [number, number, number, number]}> = {
  18: {kind: 'basic', blocks: [2, 2, 2, 2]},
  34: {kind: 'basic', blocks: [3, 4, 6, 3]},
  50: {kind: 'bottleneck', blocks: [3, 4, 6, 3]},
  101: {kind: 'bottleneck', blocks: [3, 4, 23, 3]},
  152: {kind: 'bottleneck', blocks: [3, 8, 36, 3]},
};

/** Options of {@link resnet}. */
export interface ResNetOptions {
  /** 18, 34, 50, 101 or 152. */
  depth: ResNetDepth;
  /** One image's shape [height, width, channels]. Default [224, 224, 3]. */
  inputShape?: [number, number, number];
  /** Outputs: classes, or regression targets. Default 1000. */
  nOut?: number;
  /** Output: `logits` (default), `sigmoid`, `softmax` or a bounded regression `{yRange: [lo, hi]}`. */
  head?: HeadOutput;
  /** Dropout before the final dense layer. Default 0. */
  dropout?: number;
  /** Channels of the first stage (64 in the paper); smaller values give thin ResNets for small data. Default 64. */
  baseWidth?: number;
  /** Squeeze-and-excitation ratio in every block (SE-ResNet). Default none. */
  seRatio?: number;
}

/** The encoder part of a ResNet: its output and the feature maps at strides 2, 4, 8 and 16 (for U-Net skips). */
export interface ResNetBody {
  /** Output of the last stage (stride 32). */
  features: tf.SymbolicTensor;
  /** Feature maps at strides 2 (stem), 4, 8 and 16 (stages 1–3), high to low resolution. */
  skips: tf.SymbolicTensor[];
}

/**
 * The ResNet body on a symbolic input: stem `stem_conv/_bn/_act`, `stem_pool`, stages `layer<s>_<b>_…`. Returns
 * the final features (stride 32) and the skips at strides 2 (stem), 4, 8, 16 (stages 1–3).
 */
export function resnetBody(
  input: tf.SymbolicTensor,
  options: Pick<ResNetOptions, 'depth' | 'baseWidth' | 'seRatio'>,
): ResNetBody {
  const config = STAGES[options.depth];
  if (!config) throw new Error(`resnet: depth must be one of ${Object.keys(STAGES).join(', ')}, got ${options.depth}`);
  const width = options.baseWidth ?? 64;
  const stem = convBnAct(input, {filters: width, kernelSize: 7, strides: 2, name: 'stem'});
  let x = applyLayer(maxPool2d({poolSize: 3, strides: 2, padding: 'same', name: 'stem_pool'}), stem);
  const skips = [stem];
  config.blocks.forEach((count, s) => {
    for (let b = 0; b < count; b++) {
      x = residualBlock(x, {
        kind: config.kind,
        filters: width * 2 ** s,
        strides: s > 0 && b === 0 ? 2 : 1,
        seRatio: options.seRatio,
        name: `layer${s + 1}_${b}`,
      });
    }
    if (s < 3) skips.push(x);
  });
  return {features: x, skips};
}

/**
 * A ResNet ready to train: `resnet({depth: 18, inputShape: [200, 200, 3], nOut: 5})`. Logits out unless `head` says
 * otherwise. Groups (fastai's split): stem + stages 1–2, stages 3–4, head.
 */
export function resnet(options: ResNetOptions): tf.LayersModel {
  const input = tf.input({shape: options.inputShape ?? [224, 224, 3], name: 'input'});
  const {features} = resnetBody(input, options);
  let x = applyLayer(globalAvgPool2d({name: 'head_pool'}), features);
  if (options.dropout) x = applyLayer(dropout({rate: options.dropout, name: 'head_dropout'}), x);
  x = applyLayer(dense({units: options.nOut ?? 1000, name: 'head_fc'}), x);
  x = applyHeadOutput(x, options.head ?? 'logits', 'head');
  const model = tf.model({inputs: input, outputs: x, name: `resnet${options.depth}`});
  groupLayersByPrefix(model, [['stem', 'layer1', 'layer2'], ['layer3', 'layer4'], ['head']]);
  return model;
}

/** ResNet-18 (basic blocks 2-2-2-2). */
export function resnet18(options: Omit<ResNetOptions, 'depth'> = {}): tf.LayersModel {
  return resnet({...options, depth: 18});
}

/** ResNet-34 (basic blocks 3-4-6-3). */
export function resnet34(options: Omit<ResNetOptions, 'depth'> = {}): tf.LayersModel {
  return resnet({...options, depth: 34});
}

/** ResNet-50 (bottleneck blocks 3-4-6-3). */
export function resnet50(options: Omit<ResNetOptions, 'depth'> = {}): tf.LayersModel {
  return resnet({...options, depth: 50});
}
