/** Convolution layers: conv2d (with groups and inference-only dilation), depthwise, separable and transposed. */
import * as tf from '@tensorflow/tfjs';
import {initializer} from '../init';
import {FlexConv2D} from './flex-conv2d';
import {baseArgs, honourTrainable, pair, weightArgs, type ActivationName, type LayerOptions, type WeightOptions} from './options';

/** Options shared by the convolution factories. */
export interface ConvCommonOptions extends LayerOptions, WeightOptions {
  /** Window size. */
  kernelSize: number | [number, number];
  /** Step between windows. Default 1. */
  strides?: number | [number, number];
  /** `valid` (default): no padding; `same`: zero padding so the output is ceil(input/stride). */
  padding?: 'valid' | 'same';
  /** Activation applied to the output. Default `linear` (none). */
  activation?: ActivationName;
}

/** Options of {@link conv2d}. */
export interface Conv2dOptions extends ConvCommonOptions {
  /** Output channels. */
  filters: number;
  /**
   * Dilation (atrous rate), inference only: tfjs has no gradient for dilated convolutions, so a layer with
   * dilation > 1 throws a clear error when a gradient has to pass through it. Needs stride 1. Default 1.
   */
  dilation?: number | [number, number];
  /**
   * Split input and output channels into this many independent groups (ResNeXt). Input channels and `filters` must
   * be divisible by it. Default 1. (`groups` = input channels is a depthwise convolution; {@link depthwiseConv2d}
   * is the faster way to write that.)
   */
  groups?: number;
}

/** tfjs arguments every convolution shares: window, stride, padding, activation. */
function convArgs(options: ConvCommonOptions, what: string) {
  return {
    ...baseArgs(options),
    kernelSize: pair(options.kernelSize, `${what}: kernelSize`),
    strides: pair(options.strides ?? 1, `${what}: strides`),
    padding: options.padding ?? 'valid',
    activation: options.activation ?? 'linear',
  } as const;
}

/**
 * 2-D convolution, channels last: [B,H,W,Cin] → [B,H',W',filters]. Plain convolutions are tfjs-layers' `Conv2D`;
 * grouped or dilated ones are Deep Sky's `FlexConv2D` (saved and loaded like any layer).
 */
export function conv2d(options: Conv2dOptions): tf.layers.Layer {
  if (!Number.isInteger(options.filters) || options.filters < 1) {
    throw new Error(`conv2d: filters must be a positive integer, got ${options.filters}`);
  }
  const dilationRate = pair(options.dilation ?? 1, 'conv2d: dilation');
  const groups = options.groups ?? 1;
  const common = {...convArgs(options, 'conv2d'), ...weightArgs(options), filters: options.filters};
  if (groups === 1 && dilationRate.every((d) => d === 1)) return honourTrainable(tf.layers.conv2d(common));
  return new FlexConv2D({...common, dilationRate, groups});
}

/** Options of {@link depthwiseConv2d}. */
export interface DepthwiseConv2dOptions extends ConvCommonOptions {
  /** Output channels per input channel. Default 1. */
  depthMultiplier?: number;
}

/** Depthwise convolution: each input channel convolved with its own filters ([B,H,W,C] → [B,H',W',C·multiplier]). */
export function depthwiseConv2d(options: DepthwiseConv2dOptions): tf.layers.Layer {
  const {kernelInitializer, kernelRegularizer, ...rest} = weightArgs(options);
  return honourTrainable(
    tf.layers.depthwiseConv2d({
      ...convArgs(options, 'depthwiseConv2d'),
      ...rest,
      depthwiseInitializer: kernelInitializer,
      depthwiseRegularizer: kernelRegularizer,
      depthMultiplier: options.depthMultiplier ?? 1,
    }),
  );
}

/** Options of {@link separableConv2d}. */
export interface SeparableConv2dOptions extends ConvCommonOptions {
  /** Output channels of the pointwise (1x1) step. */
  filters: number;
  /** Depthwise output channels per input channel. Default 1. */
  depthMultiplier?: number;
}

/** Depthwise-separable convolution: a depthwise convolution then a 1x1 convolution (Xception, MobileNet). */
export function separableConv2d(options: SeparableConv2dOptions): tf.layers.Layer {
  const {kernelInitializer, kernelRegularizer, ...rest} = weightArgs(options);
  return honourTrainable(
    tf.layers.separableConv2d({
      ...convArgs(options, 'separableConv2d'),
      ...rest,
      depthwiseInitializer: kernelInitializer,
      pointwiseInitializer: initializer(options.init ?? 'glorotUniform', options.seed === undefined ? undefined : options.seed + 1),
      depthwiseRegularizer: kernelRegularizer,
      pointwiseRegularizer: kernelRegularizer,
      filters: options.filters,
      depthMultiplier: options.depthMultiplier ?? 1,
    }),
  );
}

/** Options of {@link conv2dTranspose}. */
export interface Conv2dTransposeOptions extends ConvCommonOptions {
  /** Output channels. */
  filters: number;
}

/**
 * Transposed convolution ("deconvolution"), the learnable upsampling of U-Net decoders: with kernel 2, stride 2 and
 * `valid` padding it doubles height and width exactly.
 */
export function conv2dTranspose(options: Conv2dTransposeOptions): tf.layers.Layer {
  return honourTrainable(tf.layers.conv2dTranspose({...convArgs(options, 'conv2dTranspose'), ...weightArgs(options), filters: options.filters}));
}
