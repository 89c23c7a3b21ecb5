/**
 * fastai's xresnet, the "bag of tricks" ResNet (He et al. 2019): a stem of three 3x3 convs (32, 32, 64; ResNet-C),
 * average-pool shortcuts (ResNet-D), zero-initialised last BN in every block, Kaiming-normal init.
 * `xresnet([2, 2, 2, 2], 1)` is xresnet18, `xresnet([3, 4, 6, 3], 4)` xresnet50.
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer, convBnAct, xresBlock} from '../blocks';
import {fanNormal} from '../init';
import {dense, dropout, globalAvgPool2d, maxPool2d} from '../layers';
import {applyHeadOutput, type HeadOutput} from './head';
import {groupLayersByPrefix} from './groups';

/** Options of {@link xresnet}. */
export interface XResNetOptions {
  /** One image's shape. Default [224, 224, 3]. */
  inputShape?: [number, number, number];
  /** Outputs. Default 1000. */
  nOut?: number;
  /** Output. Default `logits`. */
  head?: HeadOutput;
  /** Multiplies the stage widths (64, 128, 256, 512, then 256 for extra stages), fastai's `widen`. Default 1. */
  widen?: number;
  /** Dropout before the final dense layer (fastai's `p`). Default 0. */
  dropout?: number;
  /** Squeeze-and-excitation ratio in every block (fastai's xse_resnet uses 16). Default none. */
  seRatio?: number;
}

/**
 * xresnet with `layers[i]` blocks in stage i and `expansion` 1 (basic) or 4 (bottleneck). Layers `stem_<i>_…`,
 * `stem_pool`, `layer<s>_<b>_…`, `head_…`; groups: stem + first half of the stages, second half, head.
 */
export function xresnet(layers: readonly number[], expansion: 1 | 4, options: XResNetOptions = {}): tf.LayersModel {
  if (layers.length === 0 || !layers.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`xresnet: layers must be positive block counts per stage, got [${layers.join(', ')}]`);
  }
  if (expansion !== 1 && expansion !== 4) throw new Error(`xresnet: expansion must be 1 or 4, got ${String(expansion)}`);
  const widen = options.widen ?? 1;
  const widths = [64, 128, 256, 512, ...layers.slice(4).map(() => 256)].slice(0, layers.length).map((w) => Math.max(1, Math.round(w * widen)));
  const input = tf.input({shape: options.inputShape ?? [224, 224, 3], name: 'input'});
  let x = input;
  [32, 32, 64].forEach((filters, i) => {
    x = convBnAct(x, {filters, strides: i === 0 ? 2 : 1, name: `stem_${i + 1}`});
  });
  x = applyLayer(maxPool2d({poolSize: 3, strides: 2, padding: 'same', name: 'stem_pool'}), x);
  layers.forEach((count, s) => {
    for (let b = 0; b < count; b++) {
      x = xresBlock(x, {
        filters: widths[s],
        expansion,
        strides: s > 0 && b === 0 ? 2 : 1,
        seRatio: options.seRatio,
        name: `layer${s + 1}_${b}`,
      });
    }
  });
  x = applyLayer(globalAvgPool2d({name: 'head_pool'}), x);
  if (options.dropout) x = applyLayer(dropout({rate: options.dropout, name: 'head_dropout'}), x);
  x = applyLayer(dense({units: options.nOut ?? 1000, init: fanNormal({mode: 'fanIn', scale: 2}), name: 'head_fc'}), x);
  x = applyHeadOutput(x, options.head ?? 'logits', 'head');
  const model = tf.model({inputs: input, outputs: x, name: 'xresnet'});
  const stages = layers.map((_, s) => `layer${s + 1}`);
  const half = Math.ceil(stages.length / 2);
  groupLayersByPrefix(model, [['stem', ...stages.slice(0, half)], stages.slice(half), ['head']].filter((g) => g.length > 0));
  return model;
}
