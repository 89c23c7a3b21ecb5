/**
 * U-Net (Ronneberger et al. 2015) for per-pixel classification: an encoder that halves the resolution stage by
 * stage, and a decoder that upsamples back, joining the encoder's features of each resolution (skip connections).
 * The output is `nClasses` logits per pixel, [B, H, W, nClasses], at the input's resolution.
 *
 * Encoders:
 * - `resnet18` / `resnet34` (default `resnet34`, as fastai's `unet_learner`): a ResNet body; skips from the stem
 *   (stride 2) and stages 1–3, and the raw input joins the last decoder block (fastai's `last_cross`);
 * - `{filters: [64, 128, 256, 512, 1024]}`: the original U-Net's double-conv encoder, max-pool between levels;
 * - `{model, skips}`: any functional model of yours; `skips` name its layers whose outputs join the decoder, from
 *   high to low resolution (each level half the previous one), and the model's output is the bottom.
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer, convBnAct, unetDecoderBlock} from '../blocks';
import {conv2d, maxPool2d} from '../layers';
import {groupLayersByPrefix} from './groups';
import {resnetBody} from './resnet';

/** A U-Net encoder; see the module notes. */
export type UnetEncoder =
  | 'resnet18'
  | 'resnet34'
  | {filters: number[]}
  | {model: tf.LayersModel; skips: string[]};

/** Options of {@link unet}. */
export interface UnetOptions {
  /** One image's shape [height, width, channels]. */
  inputShape: [number, number, number];
  /** Classes per pixel (outputs per pixel). */
  nClasses: number;
  /** The encoder. Default `resnet34`. */
  encoder?: UnetEncoder;
  /** ResNet encoders: channels of the first stage (64 in the paper). Default 64. */
  baseWidth?: number;
  /** Decoder upsampling: `transpose` (default), `nearest` or `bilinear`. */
  upsample?: 'transpose' | 'nearest' | 'bilinear';
}

interface Encoded {
  input: tf.SymbolicTensor;
  bottom: tf.SymbolicTensor;
  /** Skip features from high to low resolution. */
  skips: tf.SymbolicTensor[];
  /** Layer-name prefixes of the encoder's layer groups. */
  groups: string[][];
}

function encode(options: UnetOptions): Encoded {
  const encoder = options.encoder ?? 'resnet34';
  if (typeof encoder === 'object' && 'model' in encoder) {
    const input = encoder.model.inputs[0];
    const skips = encoder.skips.map((name) => applyOutput(encoder.model, name));
    const names = encoder.model.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.name);
    return {input, bottom: encoder.model.outputs[0], skips, groups: [names]};
  }
  const input = tf.input({shape: options.inputShape, name: 'input'});
  if (typeof encoder === 'object') {
    if (encoder.filters.length < 2) throw new Error('unet: an encoder needs at least two levels of filters');
    const skips: tf.SymbolicTensor[] = [];
    let x = input;
    encoder.filters.forEach((filters, i) => {
      if (i > 0) {
        skips.push(x);
        x = applyLayer(maxPool2d({poolSize: 2, padding: 'same', name: `enc${i}_pool`}), x);
      }
      x = convBnAct(convBnAct(x, {filters, name: `enc${i + 1}_1`}), {filters, name: `enc${i + 1}_2`});
    });
    return {input, bottom: x, skips, groups: [encoder.filters.map((_, i) => `enc${i + 1}`)]};
  }
  if (encoder !== 'resnet18' && encoder !== 'resnet34') {
    throw new Error(`unet: encoder must be 'resnet18', 'resnet34', {filters} or {model, skips}, got ${JSON.stringify(encoder)}`);
  }
  const body = resnetBody(input, {depth: encoder === 'resnet18' ? 18 : 34, baseWidth: options.baseWidth});
  return {
    input,
    bottom: body.features,
    skips: [input, ...body.skips],
    groups: [['stem', 'layer1', 'layer2'], ['layer3', 'layer4']],
  };
}

function applyOutput(model: tf.LayersModel, name: string): tf.SymbolicTensor {
  if (!model.layers.some((l) => l.name === name)) {
    throw new Error(`unet: the encoder model has no layer '${name}' to take a skip from (its layers: ${model.layers.map((l) => l.name).join(', ')})`);
  }
  const out = model.getLayer(name).output;
  if (Array.isArray(out)) throw new Error(`unet: skip layer '${name}' has several outputs`);
  return out;
}

/**
 * A U-Net: `unet({inputShape: [64, 64, 3], nClasses: 3, encoder: 'resnet18'})`. Decoder blocks are `dec<i>_…`, the
 * per-pixel classifier `head`. Groups: the encoder's (ResNet: stem + stages 1–2, stages 3–4), then decoder + head.
 */
export function unet(options: UnetOptions): tf.LayersModel {
  if (!Number.isInteger(options.nClasses) || options.nClasses < 1) {
    throw new Error(`unet: nClasses must be a positive integer, got ${options.nClasses}`);
  }
  const {input, bottom, skips, groups} = encode(options);
  let x = bottom;
  [...skips].reverse().forEach((skip, i) => {
    const channels = skip.shape[3] ?? 32;
    // Each decoder level gets its skip's width; the raw input (ResNet encoders) has only a few channels, so 32 there.
    const filters = skip === input ? Math.max(32, channels) : channels;
    x = unetDecoderBlock(x, skip, {filters, upsample: options.upsample, name: `dec${i + 1}`});
  });
  const logits = applyLayer(conv2d({filters: options.nClasses, kernelSize: 1, name: 'head'}), x);
  const [, h, w] = logits.shape;
  const [, ih, iw] = input.shape;
  if (h !== ih || w !== iw) {
    throw new Error(`unet: the decoder ends at ${h}x${w}, not the input's ${ih}x${iw}; check the encoder's skips (high to low resolution, halving each level)`);
  }
  const model = tf.model({inputs: input, outputs: logits, name: 'unet'});
  groupLayersByPrefix(model, [...groups, [...skips.map((_, i) => `dec${i + 1}`), 'head']]);
  return model;
}
