/**
 * A small VGG (Simonyan & Zisserman 2014): blocks of 3x3 conv-BN-ReLU units, each block ending in a 2x2 max-pool,
 * then a dense classifier with dropout. The default (32-64-128, two convs each, FC 256) suits 28–64 pixel images.
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer, convBnAct} from '../blocks';
import {dense, dropout, flatten, globalAvgPool2d, maxPool2d} from '../layers';
import {applyHeadOutput, type HeadOutput} from './head';
import {groupLayersByPrefix} from './groups';

/** Options of {@link vgg}. */
export interface VggOptions {
  /** One image's shape. */
  inputShape: [number, number, number];
  /** Outputs. */
  nOut: number;
  /** Conv blocks: filters and number of convs of each. Default [{32, 2}, {64, 2}, {128, 2}]. */
  blocks?: {filters: number; convs: number}[];
  /** Batch norm after each conv. Default true. */
  batchNorm?: boolean;
  /** Hidden dense layers of the classifier. Default [256]. */
  hidden?: number[];
  /** Dropout before each dense layer. Default 0.5. */
  dropout?: number;
  /** `flatten` (VGG's) or `global` average pooling (any input size, far fewer weights). Default `flatten`. */
  pooling?: 'flatten' | 'global';
  /** Output. Default `logits`. */
  head?: HeadOutput;
}

/** A small VGG. Layers `block<i>_<j>_…`, `block<i>_pool`, `head_…`; groups: conv blocks, classifier. */
export function vgg(options: VggOptions): tf.LayersModel {
  const blocks = options.blocks ?? [
    {filters: 32, convs: 2},
    {filters: 64, convs: 2},
    {filters: 128, convs: 2},
  ];
  const rate = options.dropout ?? 0.5;
  const input = tf.input({shape: options.inputShape, name: 'input'});
  let x = input;
  blocks.forEach((block, i) => {
    for (let j = 0; j < block.convs; j++) {
      x = convBnAct(x, {filters: block.filters, batchNorm: options.batchNorm ?? true, name: `block${i + 1}_${j + 1}`});
    }
    x = applyLayer(maxPool2d({poolSize: 2, name: `block${i + 1}_pool`}), x);
  });
  x = applyLayer(options.pooling === 'global' ? globalAvgPool2d({name: 'head_pool'}) : flatten({name: 'head_flatten'}), x);
  const layers = [...(options.hidden ?? [256]), options.nOut];
  layers.forEach((units, i) => {
    const last = i === layers.length - 1;
    if (rate > 0) x = applyLayer(dropout({rate, name: `head_dropout${i + 1}`}), x);
    x = applyLayer(dense({units, activation: last ? 'linear' : 'relu', init: last ? 'glorotUniform' : 'heNormal', name: `head_fc${i + 1}`}), x);
  });
  x = applyHeadOutput(x, options.head ?? 'logits', 'head');
  const model = tf.model({inputs: input, outputs: x, name: 'vgg'});
  groupLayersByPrefix(model, [blocks.map((_, i) => `block${i + 1}`), ['head']]);
  return model;
}
