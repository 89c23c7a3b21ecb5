/** The arguments of tfjs' conv gradient kernels, checked and turned into tfjs' conv geometry (`Conv2DInfo`). */
import * as tf from '@tensorflow/tfjs';
import {typedKernelArgs} from './kernel-scope';

type Shape4D = [number, number, number, number];

/** The geometry of the forward conv both conv gradients undo, in the data's own format (NHWC or NCHW). */
function forwardConvInfo(
  inShape: Shape4D,
  filterShape: Shape4D,
  attrs: Pick<tf.Conv2DBackpropFilterAttrs, 'strides' | 'pad' | 'dataFormat' | 'dimRoundingMode'>,
): {info: tf.backend_util.Conv2DInfo; channelsLast: boolean} {
  const channelsLast = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat) === 'channelsLast';
  const format = channelsLast ? 'channelsLast' : 'channelsFirst';
  const info = tf.backend_util.computeConv2DInfo(inShape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
  return {info, channelsLast};
}

export interface FilterGradientArgs {
  x: tf.TensorInfo;
  dy: tf.TensorInfo;
  filterShape: Shape4D;
  /** Geometry of the forward conv (in the data's own format). */
  info: tf.backend_util.Conv2DInfo;
  channelsLast: boolean;
}

/** Conv2DBackpropFilter's inputs {x, dy} and attributes. */
export function filterGradientArgs(args: Parameters<tf.KernelFunc>[0]): FilterGradientArgs {
  const {inputs, attrs} = typedKernelArgs<'x' | 'dy', tf.Conv2DBackpropFilterAttrs>(args, tf.Conv2DBackpropFilter, ['x', 'dy']);
  const {info, channelsLast} = forwardConvInfo(inputs.x.shape as Shape4D, attrs.filterShape, attrs);
  return {...inputs, filterShape: attrs.filterShape, info, channelsLast};
}

export interface InputGradientArgs {
  dy: tf.TensorInfo;
  filter: tf.TensorInfo;
  /** Geometry of the forward conv (in the data's own format). */
  info: tf.backend_util.Conv2DInfo;
  channelsLast: boolean;
}

/** Conv2DBackpropInput's inputs {dy, filter} and attributes. */
export function inputGradientArgs(args: Parameters<tf.KernelFunc>[0]): InputGradientArgs {
  const {inputs, attrs} = typedKernelArgs<'dy' | 'filter', tf.Conv2DBackpropInputAttrs>(args, tf.Conv2DBackpropInput, ['dy', 'filter']);
  const {info, channelsLast} = forwardConvInfo(attrs.inputShape, inputs.filter.shape as Shape4D, attrs);
  return {...inputs, info, channelsLast};
}

/** Depthwise kernels' attributes (both gradients share them, with filterShape or inputShape). */
interface DepthwiseGradientAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Geometry of the forward depthwise conv, from a depthwise gradient kernel's attributes. */
export function depthwiseInfo(inShape: Shape4D, filterShape: Shape4D, attrs: DepthwiseGradientAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(inShape, filterShape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true);
}
