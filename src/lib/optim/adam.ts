/**
 * Adam and AdamW (fastai and PyTorch semantics): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
 * w ← w − lr·m̂/(√v̂ + ε) with bias corrections m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t). β1 is the optimizer's `mom`, so
 * one-cycle schedules it; like fastai, the bias correction uses the current β1. Weight decay is decoupled (AdamW).
 */
import * as tf from '@tensorflow/tfjs';
import type {OptimizerFactory, ParamGroup} from './types';
import {SlotOptimizer, type BaseOptimizerOptions, type UpdateContext} from './slot-optimizer';

/** Options of {@link adam} and {@link adamW}. */
export interface AdamOptions extends BaseOptimizerOptions {
  /** (β1, β2): decay of the first and second moments (default [0.9, 0.99], fastai's choice; PyTorch uses 0.999). */
  betas?: [number, number];
  /** Added to √v̂ (default 1e-5, fastai's; PyTorch uses 1e-8). */
  eps?: number;
}

class Adam extends SlotOptimizer {
  readonly name: string;
  mom: number;
  protected readonly slotNames = ['m', 'v'] as const;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(name: string, groups: ParamGroup[], options: AdamOptions) {
    super(groups, options);
    this.name = name;
    [this.mom, this.beta2] = options.betas ?? [0.9, 0.99];
    this.eps = options.eps ?? 1e-5;
    for (const b of [this.mom, this.beta2]) {
      if (!(b >= 0 && b < 1)) throw new Error(`${name}: betas must be in [0, 1), got [${options.betas}]`);
    }
  }

  protected update(w: tf.Variable, g: tf.Tensor, [m, v]: tf.Variable[], ctx: UpdateContext): void {
    const {lr, step, scalar} = ctx;
    const beta1 = this.mom;
    const mNext = tf.add(tf.mul(m, scalar('beta1', beta1)), tf.mul(g, scalar('1-beta1', 1 - beta1)));
    const vNext = tf.add(tf.mul(v, scalar('beta2', this.beta2)), tf.mul(tf.square(g), scalar('1-beta2', 1 - this.beta2)));
    m.assign(mNext);
    v.assign(vNext);
    const stepSize = lr / (1 - beta1 ** step);
    const denom = tf.add(tf.sqrt(tf.div(vNext, scalar('debias2', 1 - this.beta2 ** step))), scalar('eps', this.eps));
    this.descend(w, tf.div(mNext, denom), stepSize, ctx);
  }
}

/** Adam without weight decay by default (`wd` still applies, decoupled, if set). */
export function adam(options: AdamOptions = {}): OptimizerFactory {
  return (groups) => new Adam('adam', groups, options);
}

/** AdamW: Adam with decoupled weight decay, `wd` 0.01 unless given (Loshchilov & Hutter; fastai's default). */
export function adamW(options: AdamOptions = {}): OptimizerFactory {
  return (groups) => new Adam('adamw', groups, {...options, wd: options.wd ?? 0.01});
}
