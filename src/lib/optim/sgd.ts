/** Stochastic gradient descent, with optional (Nesterov) momentum: Nielsen's optimizer and fastai's `SGD`. */
import * as tf from '@tensorflow/tfjs';
import type {OptimizerFactory, ParamGroup} from './types';
import {SlotOptimizer, type BaseOptimizerOptions, type UpdateContext} from './slot-optimizer';

/** Options of {@link sgd}. */
export interface SgdOptions extends BaseOptimizerOptions {
  /**
   * Momentum μ (default 0: plain SGD). With momentum the update is b ← μ·b + g, w ← w − lr·b (PyTorch/tfjs form);
   * one-cycle then schedules μ through `mom`. Plain SGD keeps no slots and ignores `mom`, as fastai's SGD does.
   */
  momentum?: number;
  /** Nesterov momentum: w ← w − lr·(g + μ·b) with the updated b. */
  nesterov?: boolean;
}

class Sgd extends SlotOptimizer {
  readonly name: string;
  mom: number;
  protected readonly slotNames: readonly string[];
  private readonly nesterov: boolean;

  constructor(groups: ParamGroup[], options: SgdOptions) {
    super(groups, options);
    this.mom = options.momentum ?? 0;
    if (!(this.mom >= 0 && this.mom < 1)) throw new Error(`sgd: momentum must be in [0, 1), got ${this.mom}`);
    this.nesterov = options.nesterov ?? false;
    if (this.nesterov && this.mom === 0) throw new Error('sgd: nesterov needs a momentum > 0');
    this.slotNames = this.mom > 0 ? ['momentum'] : [];
    this.name = this.mom > 0 ? (this.nesterov ? 'sgd-nesterov' : 'sgd-momentum') : 'sgd';
  }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], ctx: UpdateContext): void {
    const {lr, scalar} = ctx;
    if (slots.length === 0) {
      this.descend(w, g, lr, ctx);
      return;
    }
    const [buf] = slots;
    const next = tf.add(tf.mul(buf, scalar('momentum', this.mom)), g);
    buf.assign(next);
    const direction = this.nesterov ? tf.add(g, tf.mul(next, scalar('momentum', this.mom))) : next;
    this.descend(w, direction, lr, ctx);
  }
}

/** SGD, e.g. `sgd()` for Nielsen's network.py, or `sgd({momentum: 0.9, nesterov: true})`. */
export function sgd(options: SgdOptions = {}): OptimizerFactory {
  return (groups) => new Sgd(groups, options);
}
