/** Adagrad (PyTorch semantics): s ← s + g², w ← w − lr·g/(√s + ε). It has no momentum; `mom` is ignored. */
import * as tf from '@tensorflow/tfjs';
import type {OptimizerFactory, ParamGroup} from './types';
import {SlotOptimizer, type BaseOptimizerOptions, type UpdateContext} from './slot-optimizer';

/** Options of {@link adagrad}. */
export interface AdagradOptions extends BaseOptimizerOptions {
  /** Added to √s (default 1e-10). */
  eps?: number;
}

class Adagrad extends SlotOptimizer {
  readonly name = 'adagrad';
  mom = 0;
  protected readonly slotNames = ['sum'] as const;
  private readonly eps: number;

  constructor(groups: ParamGroup[], options: AdagradOptions) {
    super(groups, options);
    this.eps = options.eps ?? 1e-10;
  }

  protected update(w: tf.Variable, g: tf.Tensor, [sum]: tf.Variable[], ctx: UpdateContext): void {
    const {lr, scalar} = ctx;
    const next = tf.add(sum, tf.square(g));
    sum.assign(next);
    this.descend(w, tf.div(g, tf.add(tf.sqrt(next), scalar('eps', this.eps))), lr, ctx);
  }
}

/** Adagrad, e.g. `adagrad({lr: 0.01})`. */
export function adagrad(options: AdagradOptions = {}): OptimizerFactory {
  return (groups) => new Adagrad(groups, options);
}
