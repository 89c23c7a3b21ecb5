/** Pooling layers: windowed max/average and global (whole feature map) max/average. */
import * as tf from '@tensorflow/tfjs';
import {baseArgs, pair, type LayerOptions} from './options';

/** Options of {@link maxPool2d} and {@link avgPool2d}. */
export interface Pool2dOptions extends LayerOptions {
  /** Window size. */
  poolSize: number | [number, number];
  /** Step between windows. Default: the window size (non-overlapping). */
  strides?: number | [number, number];
  /**
   * `valid` (default) drops border rows that do not fill a window; `same` pads so the output is ceil(input/stride)
   * (TensorFlow padding: average pooling then averages only the real elements, like PyTorch's
   * `ceil_mode=True, count_include_pad=False`).
   */
  padding?: 'valid' | 'same';
}

function poolArgs(options: Pool2dOptions, what: string) {
  const poolSize = pair(options.poolSize, `${what}: poolSize`);
  return {
    ...baseArgs(options),
    poolSize,
    strides: options.strides === undefined ? poolSize : pair(options.strides, `${what}: strides`),
    padding: options.padding ?? 'valid',
  };
}

/** Max pooling over windows of each channel. */
export function maxPool2d(options: Pool2dOptions): tf.layers.Layer {
  return tf.layers.maxPooling2d(poolArgs(options, 'maxPool2d'));
}

/** Average pooling over windows of each channel (LeNet-5's subsampling; the ResNet-D shortcut). */
export function avgPool2d(options: Pool2dOptions): tf.layers.Layer {
  return tf.layers.averagePooling2d(poolArgs(options, 'avgPool2d'));
}

/** Mean of each channel over the whole feature map: [B, H, W, C] → [B, C]. */
export function globalAvgPool2d(options: LayerOptions = {}): tf.layers.Layer {
  return tf.layers.globalAveragePooling2d(baseArgs(options));
}

/** Max of each channel over the whole feature map: [B, H, W, C] → [B, C]. */
export function globalMaxPool2d(options: LayerOptions = {}): tf.layers.Layer {
  return tf.layers.globalMaxPooling2d(baseArgs(options));
}
