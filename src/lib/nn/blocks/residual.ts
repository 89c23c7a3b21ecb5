/**
 * Residual blocks (He et al. 2016): a branch of conv-BN units added to a shortcut, then activated.
 * - basic: two 3x3 units (ResNet-18/34);
 * - bottleneck: 1x1 → 3x3 (stride here, "ResNet v1.5" as torchvision) → 1x1 expanding ×4 (ResNet-50 and up);
 * - the "bag of tricks" variant (He et al. 2019, fastai's xresnet): the shortcut downsamples with a 2x2 average
 *   pool before its 1x1 conv (ResNet-D) and the branch's last BN starts at γ = 0 so the block starts as identity.
 */
import type * as tf from '@tensorflow/tfjs';
import {activation as activationLayer, add, avgPool2d, type ActivationName} from '../layers';
import {convBnAct} from './conv-bn-act';
import {applyLayer, spatialShape, uniqueName} from './graph';
import {squeezeExcite} from './squeeze-excite';

/** Options of {@link residualBlock}. */
export interface ResidualBlockOptions {
  /** `basic` (two 3x3 convs) or `bottleneck` (1x1-3x3-1x1). Default `basic`. */
  kind?: 'basic' | 'bottleneck';
  /** Channels of the 3x3 convs; a bottleneck block outputs `filters · expansion`. */
  filters: number;
  /** Stride of the block (2 halves height and width). Default 1. */
  strides?: number;
  /** Bottleneck expansion of the output channels. Default 4. */
  expansion?: number;
  /**
   * How the shortcut matches the branch when the shape changes: `conv` — a strided 1x1 conv + BN (torchvision);
   * `avgpool` — a 2x2 average pool, then a 1x1 conv + BN if channels differ (ResNet-D). Default `conv`.
   */
  shortcut?: 'conv' | 'avgpool';
  /** Start the branch's last BN at γ = 0. Default false. */
  zeroInitLastBn?: boolean;
  /** Add a squeeze-and-excitation gate with this reduction ratio to the branch (SE-ResNet). Default none. */
  seRatio?: number;
  /** Groups of the 3x3 conv (ResNeXt). Default 1. */
  groups?: number;
  /** Activation inside the branch and after the sum. Default `relu`. */
  activation?: ActivationName;
  /** Name prefix of the block's layers. */
  name?: string;
}

/** A residual block on a symbolic [B,H,W,C] tensor; see the module notes for the variants. */
export function residualBlock(x: tf.SymbolicTensor, options: ResidualBlockOptions): tf.SymbolicTensor {
  const name = options.name ?? uniqueName('res_block');
  const kind = options.kind ?? 'basic';
  const strides = options.strides ?? 1;
  const act = options.activation ?? 'relu';
  const outChannels = kind === 'basic' ? options.filters : options.filters * (options.expansion ?? 4);
  const unit = (input: tf.SymbolicTensor, i: number, filters: number, kernelSize: number, s: number, last = false) =>
    convBnAct(input, {
      filters,
      kernelSize,
      strides: s,
      groups: kernelSize === 3 ? options.groups : 1,
      activation: last ? 'none' : act,
      zeroGamma: last && options.zeroInitLastBn,
      name: `${name}_${i}`,
    });

  let branch: tf.SymbolicTensor;
  if (kind === 'basic') {
    branch = unit(unit(x, 1, options.filters, 3, strides), 2, outChannels, 3, 1, true);
  } else {
    branch = unit(unit(unit(x, 1, options.filters, 1, 1), 2, options.filters, 3, strides), 3, outChannels, 1, 1, true);
  }
  if (options.seRatio) branch = squeezeExcite(branch, {ratio: options.seRatio, name: `${name}_se`});

  const [, , inChannels] = spatialShape(x, `residualBlock '${name}'`);
  let shortcut = x;
  if ((options.shortcut ?? 'conv') === 'avgpool') {
    if (strides !== 1) shortcut = applyLayer(avgPool2d({poolSize: strides, padding: 'same', name: `${name}_short_pool`}), shortcut);
    if (inChannels !== outChannels) {
      shortcut = convBnAct(shortcut, {filters: outChannels, kernelSize: 1, activation: 'none', name: `${name}_short`});
    }
  } else if (strides !== 1 || inChannels !== outChannels) {
    shortcut = convBnAct(shortcut, {filters: outChannels, kernelSize: 1, strides, activation: 'none', name: `${name}_short`});
  }
  const sum = applyLayer(add({name: `${name}_add`}), [branch, shortcut]);
  return applyLayer(activationLayer(act, {name: `${name}_out`}), sum);
}

/** torchvision's BasicBlock (ResNet-18/34): `residualBlock` with `kind: 'basic'`. */
export function basicBlock(x: tf.SymbolicTensor, options: Omit<ResidualBlockOptions, 'kind'>): tf.SymbolicTensor {
  return residualBlock(x, {...options, kind: 'basic'});
}

/** torchvision's Bottleneck (ResNet-50+, stride on the 3x3): `residualBlock` with `kind: 'bottleneck'`. */
export function bottleneckBlock(x: tf.SymbolicTensor, options: Omit<ResidualBlockOptions, 'kind'>): tf.SymbolicTensor {
  return residualBlock(x, {...options, kind: 'bottleneck'});
}

/**
 * The bag-of-tricks block of fastai's xresnet: average-pool shortcut (ResNet-D) and zero-initialised last BN.
 * `expansion` 1 gives a basic block, 4 a bottleneck.
 */
export function xresBlock(
  x: tf.SymbolicTensor,
  options: Omit<ResidualBlockOptions, 'kind' | 'shortcut' | 'zeroInitLastBn'> & {expansion?: 1 | 4},
): tf.SymbolicTensor {
  const expansion = options.expansion ?? 1;
  return residualBlock(x, {
    ...options,
    kind: expansion === 1 ? 'basic' : 'bottleneck',
    expansion,
    shortcut: 'avgpool',
    zeroInitLastBn: true,
  });
}
