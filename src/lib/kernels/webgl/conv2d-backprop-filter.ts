/**
 * A faster Conv2DBackpropFilter for the webgl backend.
 *
 * tfjs 4.22 runs one fragment per filter weight, each looping over batch × outHeight × outWidth: few, very long
 * threads (500 for the first conv of an MNIST net), which leaves most of a GPU idle. A fragment shader has no shared
 * memory to tile with, so the gain here comes from parallelism: the reduction over (b, oh) rows is split into chunks
 * ("split-K"), one fragment per (chunk, weight) — tens of thousands of short threads — and a second pass sums the
 * chunks. Memory stays bounded (the partial sums are chunks × filter size). NCHW data is left to tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import type {GPGPUProgram, MathBackendWebGL} from '@tensorflow/tfjs-backend-webgl';
import {filterGradientArgs} from '../conv-args';
import {withKernelScope} from '../kernel-scope';
import {requireTfjsKernel} from '../tfjs-originals';

/** Aim for about this many fragments in the first pass. */
const TARGET_THREADS = 2 ** 16;
/** Cap on the partial-sum texture (float32 elements). */
const MAX_PARTIAL_ELEMENTS = 4 * 2 ** 20;

/** How the (b, oh) rows of the reduction are split between fragments. */
interface RowSplitPlan {
  numSplits: number;
  rowsPerSplit: number;
}

function planRowSplits(filterSize: number, numRows: number): RowSplitPlan {
  const wanted = Math.ceil(TARGET_THREADS / filterSize);
  const byMemory = Math.max(1, Math.floor(MAX_PARTIAL_ELEMENTS / filterSize));
  const splits = Math.max(1, Math.min(wanted, numRows, byMemory));
  const rowsPerSplit = Math.ceil(numRows / splits);
  return {numSplits: Math.ceil(numRows / rowsPerSplit), rowsPerSplit};
}

/** Pass 1: the filter gradient over one chunk of rows, for every chunk ([S, K, Co]; the filter shape when S = 1). */
class FilterGradChunksProgram implements GPGPUProgram {
  variableNames = ['x', 'dy'];
  outputShape: number[];
  userCode: string;

  constructor(info: tf.backend_util.Conv2DInfo, {numSplits, rowsPerSplit}: RowSplitPlan) {
    const {filterWidth: kw, inChannels: ci, outChannels: co} = info;
    const numK = info.filterHeight * kw * ci;
    this.outputShape = numSplits === 1 ? [...info.filterShape] : [numSplits, numK, co];
    const coordinates =
      numSplits === 1
        ? `ivec4 c = getOutputCoords();
           int split = 0; int wR = c.x; int wC = c.y; int d1 = c.z; int d2 = c.w;`
        : `ivec3 c = getOutputCoords();
           int split = c.x; int k = c.y; int d2 = c.z;
           int d1 = imod(k, ${ci}); int kwh = k / ${ci}; int wC = imod(kwh, ${kw}); int wR = kwh / ${kw};`;
    this.userCode = `
      void main() {
        ${coordinates}
        float dotProd = 0.0;
        int rowBegin = split * ${rowsPerSplit};
        for (int i = 0; i < ${rowsPerSplit}; i++) {
          int row = rowBegin + i;
          if (row >= ${info.batchSize * info.outHeight}) {
            break;
          }
          int b = row / ${info.outHeight};
          int yR = row - b * ${info.outHeight};
          int xR = wR + yR * ${info.strideHeight} - ${info.padInfo.top};
          if (xR < 0 || xR >= ${info.inHeight}) {
            continue;
          }
          for (int yC = 0; yC < ${info.outWidth}; yC++) {
            int xC = wC + yC * ${info.strideWidth} - ${info.padInfo.left};
            if (xC < 0 || xC >= ${info.inWidth}) {
              continue;
            }
            dotProd += getX(b, xR, xC, d1) * getDy(b, yR, yC, d2);
          }
        }
        setOutput(dotProd);
      }
    `;
  }
}

/** Pass 2: dW[wR, wC, d1, d2] = Σ over chunks. */
class SumChunksProgram implements GPGPUProgram {
  variableNames = ['partials'];
  outputShape: number[];
  userCode: string;

  constructor(info: tf.backend_util.Conv2DInfo, numSplits: number) {
    this.outputShape = [...info.filterShape];
    this.userCode = `
      void main() {
        ivec4 c = getOutputCoords();
        int k = (c.x * ${info.filterWidth} + c.y) * ${info.inChannels} + c.z;
        float sum = 0.0;
        for (int s = 0; s < ${numSplits}; s++) {
          sum += getPartials(s, k, c.w);
        }
        setOutput(sum);
      }
    `;
  }
}

function conv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const {x, dy, filterShape, info, channelsLast} = filterGradientArgs(args);
  if (!channelsLast) return requireTfjsKernel(tf.Conv2DBackpropFilter, 'webgl', 'NCHW data is not rewritten').kernelFunc(args);
  const backend = args.backend as MathBackendWebGL;
  const plan = planRowSplits(tf.util.sizeFromShape(filterShape), info.batchSize * info.outHeight);
  const partials = backend.runWebGLProgram(new FilterGradChunksProgram(info, plan), [x, dy], 'float32');
  if (plan.numSplits === 1) return partials;
  return withKernelScope(backend, 'webgl', 'Conv2DBackpropFilter', (scope) => {
    scope.adopt(partials);
    return scope.adopt(backend.runWebGLProgram(new SumChunksProgram(info, plan.numSplits), [partials], 'float32'));
  });
}

export const webglConv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'webgl',
  kernelFunc: conv2DBackpropFilter,
};
