/**
 * Index arithmetic shared by the gradient kernels that are rewritten as forward convolutions.
 *
 * Both gradients of a convolution are correlations themselves:
 * - filter gradient: dW[k] = Σ_o x[o·stride + k·dilation − pad] · dy[o]. Read as a forward conv whose *input* is x and
 *   whose *filter* is dy (dilated by the forward stride), stepping by the forward dilation.
 * - input gradient: dx[i] = Σ_k dyUp[i + pad − k·dilation] · W[k], with dyUp = dy spread out by the stride (zeros in
 *   between). Read as a forward conv of dyUp with the spatially flipped filter.
 * What remains per spatial axis is to find paddings that make that forward conv produce exactly the wanted outputs:
 * a negative "padding" becomes a crop of the input, and surplus outputs are cropped afterwards.
 */
import type * as tf from '@tensorflow/tfjs';

/** How to run a forward convolution along one axis so that its first `wantOut` outputs are the wanted ones. */
export interface AxisPlan {
  /** Leading input elements to drop before convolving (when the wanted window starts inside the input). */
  cropBefore: number;
  padBefore: number;
  padAfter: number;
  /** Outputs the convolution will produce (≥ the wanted number; crop the rest). */
  outSize: number;
}

export interface AxisProblem {
  inSize: number;
  /** Where the first window starts, relative to the first input element, as a padding (negative: inside). */
  padBefore: number;
  /** Extent of the (dilated) filter window: (filterSize − 1)·dilation + 1. */
  windowSpan: number;
  stride: number;
  wantOut: number;
}

export function planAxis({inSize, padBefore, windowSpan, stride, wantOut}: AxisProblem): AxisPlan {
  const cropBefore = Math.max(0, -padBefore);
  const before = Math.max(0, padBefore);
  const croppedIn = inSize - cropBefore;
  const after = Math.max(0, (wantOut - 1) * stride + windowSpan - croppedIn - before);
  const outSize = Math.floor((croppedIn + before + after - windowSpan) / stride) + 1;
  return {cropBefore, padBefore: before, padAfter: after, outSize};
}

/** The explicit NHWC padding tfjs' conv kernels accept for a plan per spatial axis. */
export function explicitPadding(rows: AxisPlan, cols: AxisPlan): tf.backend_util.ExplicitPadding {
  return [
    [0, 0],
    [rows.padBefore, rows.padAfter],
    [cols.padBefore, cols.padAfter],
    [0, 0],
  ];
}

/** Both spatial axes of the forward conv that computes a filter gradient (see the file comment). */
export function filterGradientPlans(info: tf.backend_util.Conv2DInfo): {rows: AxisPlan; cols: AxisPlan} {
  const axis = (inSize: number, outSize: number, filterSize: number, stride: number, dilation: number, pad: number) =>
    planAxis({inSize, padBefore: pad, windowSpan: (outSize - 1) * stride + 1, stride: dilation, wantOut: filterSize});
  return {
    rows: axis(info.inHeight, info.outHeight, info.filterHeight, info.strideHeight, info.dilationHeight, info.padInfo.top),
    cols: axis(info.inWidth, info.outWidth, info.filterWidth, info.strideWidth, info.dilationWidth, info.padInfo.left),
  };
}

/**
 * Both spatial axes of the forward conv that computes an input gradient from dy spread out to `spreadHeight` ×
 * `spreadWidth` (dy with stride − 1 zeros after every element).
 */
export function inputGradientPlans(
  info: tf.backend_util.Conv2DInfo,
  spreadHeight: number,
  spreadWidth: number,
): {rows: AxisPlan; cols: AxisPlan} {
  const axis = (spread: number, inSize: number, filterSize: number, dilation: number, pad: number) => {
    const windowSpan = (filterSize - 1) * dilation + 1;
    return planAxis({inSize: spread, padBefore: windowSpan - 1 - pad, windowSpan, stride: 1, wantOut: inSize});
  };
  return {
    rows: axis(spreadHeight, info.inHeight, info.filterHeight, info.dilationHeight, info.padInfo.top),
    cols: axis(spreadWidth, info.inWidth, info.filterWidth, info.dilationWidth, info.padInfo.left),
  };
}
