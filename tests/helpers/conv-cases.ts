/**
 * Convolution geometries the gradient kernels are checked on, on every backend: strides 1 and 2 (and unequal),
 * same / valid / explicit padding, odd sizes, channel counts that are not multiples of 4, batch 1, a filter as large
 * as the input, and padding larger than the filter needs.
 */
import * as tf from '@tensorflow/tfjs';
import {valuesOn, wave} from './backend-compare';

export interface ConvCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding;
}

export const CONV_CASES: ConvCase[] = [
  {name: '3x3 same, stride 1', x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same'},
  {name: '3x3 valid, stride 2, batch 1', x: [1, 9, 8, 5], filter: [3, 3, 5, 6], strides: 2, pad: 'valid'},
  {name: '5x4 same, strides 2x3', x: [3, 10, 11, 2], filter: [5, 4, 2, 3], strides: [2, 3], pad: 'same'},
  {name: '1x1 stride 2 (shortcut)', x: [2, 8, 8, 4], filter: [1, 1, 4, 8], strides: 2, pad: 'valid'},
  {name: 'explicit padding, stride 2', x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: [[0, 0], [1, 2], [0, 1], [0, 0]]},
  {name: 'explicit padding beyond the filter', x: [1, 6, 5, 2], filter: [2, 2, 2, 3], strides: 1, pad: [[0, 0], [3, 0], [0, 2], [0, 0]]},
  {name: 'filter as large as the input', x: [1, 5, 5, 1], filter: [5, 5, 1, 2], strides: 1, pad: 'valid'},
  {name: '7x7 stride 2 stem', x: [2, 17, 17, 3], filter: [7, 7, 3, 8], strides: 2, pad: 'same'},
];

/** Depthwise geometries (filter [kh, kw, channels, multiplier]). */
export const DEPTHWISE_CASES: ConvCase[] = [
  {name: '3x3 same, multiplier 1', x: [2, 7, 7, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'same'},
  {name: '3x3 valid, stride 2, multiplier 2, batch 1', x: [1, 9, 8, 5], filter: [3, 3, 5, 2], strides: 2, pad: 'valid'},
  {name: '5x4 same, strides 2x3, multiplier 3', x: [3, 10, 11, 2], filter: [5, 4, 2, 3], strides: [2, 3], pad: 'same'},
  {name: 'explicit padding, stride 2', x: [2, 9, 9, 3], filter: [3, 3, 3, 2], strides: 2, pad: [[0, 0], [1, 2], [0, 1], [0, 0]]},
];

export function caseData(c: ConvCase): {x: Float32Array; filter: Float32Array} {
  return {
    x: wave(tf.util.sizeFromShape(c.x), 1.3),
    filter: wave(tf.util.sizeFromShape(c.filter), 0.7, 0.5),
  };
}

/** Output gradient weights, so the loss Σ conv(x, w) · g has a non-uniform dy. */
function dyWeights(out: tf.Tensor): tf.Tensor {
  return tf.tensor(wave(out.size, 0.37, 1), out.shape);
}

/** [dx, dW] of Σ op(x, w) · g, with g a fixed non-uniform weighting of the output (so dy is not uniform). */
function weightedGradients(c: ConvCase, op: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor): tf.Tensor[] {
  const d = caseData(c);
  const f = (a: tf.Tensor, b: tf.Tensor) => {
    const out = op(a as tf.Tensor4D, b as tf.Tensor4D);
    return out.mul(dyWeights(out)).sum();
  };
  return tf.grads(f)([tf.tensor4d(d.x, c.x), tf.tensor4d(d.filter, c.filter)]);
}

/** [dx, dW] of a conv2d: exercises Conv2DBackpropInput and Conv2DBackpropFilter. */
export const conv2dGradients = (c: ConvCase) => weightedGradients(c, (x, w) => tf.conv2d(x, w, c.strides, c.pad));

/** [dx, dW] of a depthwise conv: exercises both depthwise backprop kernels. */
export const depthwiseGradients = (c: ConvCase) =>
  weightedGradients(c, (x, w) => tf.depthwiseConv2d(x, w, c.strides, c.pad));

/** The filter gradient of NCHW data, through the kernel directly (no tfjs op takes NCHW gradients on every backend). */
export function conv2dFilterGradientNCHW(c: ConvCase): tf.Tensor[] {
  const d = caseData(c);
  const x = tf.tensor4d(d.x, c.x).transpose([0, 3, 1, 2]);
  const outNHWC = tf.conv2d(tf.tensor4d(d.x, c.x), tf.tensor4d(d.filter, c.filter), c.strides, c.pad);
  const dy = dyWeights(outNHWC).transpose([0, 3, 1, 2]);
  const dW = tf.engine().runKernel(tf.Conv2DBackpropFilter, {x, dy}, {
    strides: c.strides,
    pad: c.pad,
    dataFormat: 'NCHW',
    filterShape: c.filter,
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
  return [dW];
}

/**
 * Central differences of L = ½ Σ conv(x, w)², evaluated on `backend` with its own forward kernel, at a few elements
 * of x and of w; returns the largest |numeric − analytic| relative to the analytic gradient's scale, per argument.
 * L is quadratic in each of x and w, so a central difference is exact up to float32 rounding, whatever the step.
 */
export async function finiteDifferenceErrors(
  backend: string,
  c: ConvCase,
  conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor,
): Promise<{x: number; w: number}> {
  const d = caseData(c);
  const loss = (x: tf.Tensor, w: tf.Tensor) => conv(x as tf.Tensor4D, w as tf.Tensor4D).square().sum().mul(0.5);
  const [gx, gw] = await valuesOn(backend, () => tf.grads(loss)([tf.tensor4d(d.x, c.x), tf.tensor4d(d.filter, c.filter)]));
  const lossAt = async (xs: Float32Array, ws: Float32Array) =>
    (await valuesOn(backend, () => [loss(tf.tensor4d(xs, c.x), tf.tensor4d(ws, c.filter))]))[0][0];
  const step = 0.5;
  const worst = async (which: 'x' | 'w', analytic: Float32Array) => {
    const base = which === 'x' ? d.x : d.filter;
    const scale = Math.max(...Array.from(analytic, Math.abs));
    let error = 0;
    for (const i of [0, 1, Math.floor(base.length / 2), base.length - 1]) {
      const plus = base.slice();
      const minus = base.slice();
      plus[i] += step;
      minus[i] -= step;
      const [lp, lm] =
        which === 'x'
          ? [await lossAt(plus, d.filter), await lossAt(minus, d.filter)]
          : [await lossAt(d.x, plus), await lossAt(d.x, minus)];
      error = Math.max(error, Math.abs((lp - lm) / (2 * step) - analytic[i]) / scale);
    }
    return error;
  };
  return {x: await worst('x', gx), w: await worst('w', gw)};
}
