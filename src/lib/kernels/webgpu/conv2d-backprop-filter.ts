/**
 * A faster Conv2DBackpropFilter for the webgpu backend.
 *
 * tfjs 4.22 runs one thread per filter weight, each looping over batch × outHeight × outWidth (a ResNet stem at 200x200,
 * batch 32: 9,408 threads looping 320,000 times). Here the weight gradient is the matrix product
 *   dW[k, co] = Σ_r A[r, k] · dy[r, co],   k = (kh, kw, ci), r = (b, oh, ow),
 * where A is the im2col matrix of x, read implicitly (never materialised, so memory stays bounded; an explicit im2col
 * of that ResNet stem would be ~188 MB, over the 128 MiB binding limit). Each 64-thread workgroup computes a 32×32 tile
 * of dW from shared-memory tiles of A and dy (4×4 outputs per thread), over one chunk of r ("split-K"): the r axis is
 * cut into enough chunks to fill the GPU, and a second pass sums the chunks' partial tiles. NCHW data is left to tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import type {WebGPUBackend, WebGPUProgram} from '@tensorflow/tfjs-backend-webgpu';
import {filterGradientArgs} from '../conv-args';
import {view, withKernelScope} from '../kernel-scope';
import {requireTfjsKernel} from '../tfjs-originals';

const TILE = 32; // outputs per workgroup along k and along co
const TILE_R = 16; // reduction rows staged in shared memory per step
/** Aim for at least this many workgroups in flight (enough to fill a large discrete GPU). */
const TARGET_WORKGROUPS = 512;
/** Shortest chunk of the reduction axis per workgroup: below this, the partial sums cost more than they save. */
const MIN_CHUNK = 256;
/** Cap on the partial-sum buffer (float32 elements): 8 Mi floats = 32 MiB. */
const MAX_PARTIAL_ELEMENTS = 8 * 2 ** 20;

/** How the reduction axis (r = b·oh·ow, `numR` long) is split between workgroups. */
interface SplitPlan {
  numSplits: number;
  chunkLength: number;
}

function planSplits(numK: number, numCo: number, numR: number): SplitPlan {
  const tiles = Math.ceil(numK / TILE) * Math.ceil(numCo / TILE);
  const wanted = Math.ceil(TARGET_WORKGROUPS / tiles);
  const byLength = Math.ceil(numR / MIN_CHUNK);
  const byMemory = Math.max(1, Math.floor(MAX_PARTIAL_ELEMENTS / (numK * numCo)));
  const splits = Math.max(1, Math.min(wanted, byLength, byMemory));
  const chunkLength = Math.ceil(Math.ceil(numR / splits) / TILE_R) * TILE_R;
  return {numSplits: Math.ceil(numR / chunkLength), chunkLength};
}

/** Pass 1: partial dW tiles, one [K, Co] slab per chunk of the reduction axis. */
class FilterGradTilesProgram implements WebGPUProgram {
  variableNames = ['x', 'dy'];
  uniforms = 'pads : vec2<i32>, strides : vec2<i32>, filterWidth : i32, numK : i32, numR : i32, chunkLength : i32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  dispatchLayout = {x: [2], y: [1], z: [0]};
  dispatch: [number, number, number];
  outputShape: number[];
  shaderKey = 'deepSkyConv2DFilterGradTiles';

  constructor(outputShape: number[], numK: number, numCo: number, numSplits: number) {
    this.outputShape = outputShape;
    this.dispatch = [Math.ceil(numCo / TILE), Math.ceil(numK / TILE), numSplits];
  }

  getUserCode(): string {
    return /* wgsl */ `
      var<workgroup> tileA : array<array<f32, ${TILE}>, ${TILE_R}>;
      var<workgroup> tileB : array<array<f32, ${TILE}>, ${TILE_R}>;

      fn main() {
        let tid = i32(localIndex);
        let k0 = i32(workgroupId.y) * ${TILE};
        let c0 = i32(workgroupId.x) * ${TILE};
        let split = i32(workgroupId.z);
        let rBegin = split * uniforms.chunkLength;
        let rEnd = min(rBegin + uniforms.chunkLength, uniforms.numR);
        let inH = uniforms.xShape[1];
        let inW = uniforms.xShape[2];
        let inC = uniforms.xShape[3];
        let outH = uniforms.dyShape[1];
        let outW = uniforms.dyShape[2];
        let outC = uniforms.dyShape[3];

        // Staging: thread tid always loads column tid % ${TILE} of both tiles, rows tid / ${TILE} + 2i.
        let col = tid % ${TILE};
        let row0 = tid / ${TILE};
        let k = k0 + col;
        let kValid = k < uniforms.numK;
        let ci = k % inC;
        let kwh = k / inC;
        let kw = kwh % uniforms.filterWidth;
        let kh = kwh / uniforms.filterWidth;
        let co = c0 + col;
        let coValid = co < outC;

        // Compute: thread (tx, ty) owns outputs k0 + 4ty + i, c0 + 4tx + j.
        let tx = tid % 8;
        let ty = tid / 8;
        var acc : array<vec4<f32>, 4>;

        // The trip count must be uniform for the barriers: every chunk takes chunkLength / ${TILE_R} steps, and rows past
        // the end of the last chunk load zeros.
        for (var step = 0; step < uniforms.chunkLength / ${TILE_R}; step = step + 1) {
          let r0 = rBegin + step * ${TILE_R};
          for (var i = 0; i < ${(TILE_R * TILE) / 64}; i = i + 1) {
            let row = row0 + 2 * i;
            let r = r0 + row;
            var a = 0.0;
            var b = 0.0;
            if (r < rEnd) {
              let ow = r % outW;
              let bh = r / outW;
              let oh = bh % outH;
              let n = bh / outH;
              let xr = oh * uniforms.strides[0] + kh - uniforms.pads[0];
              let xc = ow * uniforms.strides[1] + kw - uniforms.pads[1];
              if (kValid && xr >= 0 && xr < inH && xc >= 0 && xc < inW) {
                a = x[((n * inH + xr) * inW + xc) * inC + ci];
              }
              if (coValid) {
                b = dy[r * outC + co];
              }
            }
            tileA[row][col] = a;
            tileB[row][col] = b;
          }
          workgroupBarrier();
          for (var rr = 0; rr < ${TILE_R}; rr = rr + 1) {
            let bv = vec4<f32>(tileB[rr][4 * tx], tileB[rr][4 * tx + 1], tileB[rr][4 * tx + 2], tileB[rr][4 * tx + 3]);
            for (var i = 0; i < 4; i = i + 1) {
              acc[i] = acc[i] + tileA[rr][4 * ty + i] * bv;
            }
          }
          workgroupBarrier();
        }

        for (var i = 0; i < 4; i = i + 1) {
          let kOut = k0 + 4 * ty + i;
          if (kOut < uniforms.numK) {
            for (var j = 0; j < 4; j = j + 1) {
              let cOut = c0 + 4 * tx + j;
              if (cOut < outC) {
                result[(split * uniforms.numK + kOut) * outC + cOut] = acc[i][j];
              }
            }
          }
        }
      }
    `;
  }
}

/** Pass 2: dW = Σ over chunks of the partial tiles. */
class SumSplitsProgram implements WebGPUProgram {
  variableNames = ['partials'];
  uniforms = 'numSplits : i32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  dispatchLayout = {x: [0, 1]};
  dispatch: [number, number, number];
  outputShape: number[];
  shaderKey = 'deepSkySumSplits';

  constructor(outputShape: number[]) {
    this.outputShape = outputShape;
    this.dispatch = [Math.ceil(tf.util.sizeFromShape(outputShape) / 64), 1, 1];
  }

  getUserCode(): string {
    return /* wgsl */ `
      fn main(index : i32) {
        if (index < uniforms.size) {
          var sum = 0.0;
          for (var s = 0; s < uniforms.numSplits; s = s + 1) {
            sum = sum + partials[s * uniforms.size + index];
          }
          setOutputAtIndex(index, sum);
        }
      }
    `;
  }
}

function conv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const {x, dy, filterShape, info, channelsLast} = filterGradientArgs(args);
  if (!channelsLast) return requireTfjsKernel(tf.Conv2DBackpropFilter, 'webgpu', 'NCHW data is not rewritten').kernelFunc(args);
  const backend = args.backend as WebGPUBackend;
  const numK = info.filterHeight * info.filterWidth * info.inChannels;
  const numCo = info.outChannels;
  const numR = info.batchSize * info.outHeight * info.outWidth;
  const {numSplits, chunkLength} = planSplits(numK, numCo, numR);
  const geometry = [
    {type: 'int32', data: [info.padInfo.top, info.padInfo.left]},
    {type: 'int32', data: [info.strideHeight, info.strideWidth]},
    {type: 'int32', data: [info.filterWidth]},
    {type: 'int32', data: [numK]},
    {type: 'int32', data: [numR]},
    {type: 'int32', data: [chunkLength]},
  ];
  const tilesShape = numSplits === 1 ? [...filterShape] : [numSplits, numK, numCo];
  const tiles = new FilterGradTilesProgram(tilesShape, numK, numCo, numSplits);
  const partials = backend.runWebGPUProgram(tiles, [x, dy], 'float32', geometry);
  if (numSplits === 1) return partials;
  return withKernelScope(backend, 'webgpu', 'Conv2DBackpropFilter', (scope) => {
    scope.adopt(partials);
    const summed = backend.runWebGPUProgram(new SumSplitsProgram([numK, numCo]), [partials], 'float32', [
      {type: 'int32', data: [numSplits]},
    ]);
    return view(scope.adopt(summed), [...filterShape]);
  });
}

export const webgpuConv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'webgpu',
  kernelFunc: conv2DBackpropFilter,
};
