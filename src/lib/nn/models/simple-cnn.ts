/**
 * fastai's `simple_cnn`: a stack of stride-2 3x3 conv layers then global average pooling (fastai's `PoolFlatten`), so the last conv's
 * channels are the outputs — `simpleCnn({inputShape: [28, 28, 1], channels: [16, 32, 10]})`.
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer, convBnAct} from '../blocks';
import {globalAvgPool2d} from '../layers';
import {groupLayersByPrefix} from './groups';

/** Options of {@link simpleCnn}. */
export interface SimpleCnnOptions {
  /** One image's shape (its channels are fastai's `actns[0]`). */
  inputShape: [number, number, number];
  /** Output channels of each conv layer (fastai's `actns[1:]`); the last is the number of outputs. */
  channels: number[];
  /** Window of each conv. Default 3 for all. */
  kernelSizes?: number[];
  /** Stride of each conv. Default 2 for all. */
  strides?: number[];
  /** Batch norm after every conv but the last (fastai's `bn`). Default false. */
  batchNorm?: boolean;
  /**
   * ReLU after the last conv too, as fastai's `simple_cnn` does. Default false: the outputs are then proper logits
   * that can be negative.
   */
  reluOnLast?: boolean;
}

/** fastai's simple CNN, logits out. Layers `conv<i>_conv/_bn/_act`, `pool`; groups: all convs but the last, the rest. */
export function simpleCnn(options: SimpleCnnOptions): tf.LayersModel {
  const n = options.channels.length;
  if (n === 0) throw new Error('simpleCnn: channels must name at least one conv layer');
  for (const [what, list] of [['kernelSizes', options.kernelSizes], ['strides', options.strides]] as const) {
    if (list && list.length !== n) throw new Error(`simpleCnn: ${what} has ${list.length} entries for ${n} conv layers`);
  }
  const input = tf.input({shape: options.inputShape, name: 'input'});
  let x = input;
  options.channels.forEach((filters, i) => {
    const last = i === n - 1;
    x = convBnAct(x, {
      filters,
      kernelSize: options.kernelSizes?.[i] ?? 3,
      strides: options.strides?.[i] ?? 2,
      batchNorm: (options.batchNorm ?? false) && !last,
      activation: last && !options.reluOnLast ? 'none' : 'relu',
      name: `conv${i + 1}`,
    });
  });
  x = applyLayer(globalAvgPool2d({name: 'pool'}), x);
  const model = tf.model({inputs: input, outputs: x, name: 'simple_cnn'});
  const convs = options.channels.map((_, i) => `conv${i + 1}`);
  groupLayersByPrefix(model, n > 1 ? [convs.slice(0, -1), [convs[n - 1], 'pool']] : [[convs[0], 'pool']]);
  return model;
}
