/**
 * RMSprop (PyTorch/fastai semantics): s ← α·s + (1 − α)·g², then w ← w − lr·g/(√s + ε), or with momentum
 * b ← μ·b + g/(√s + ε), w ← w − lr·b.
 */
import * as tf from '@tensorflow/tfjs';
import type {OptimizerFactory, ParamGroup} from './types';
import {SlotOptimizer, type BaseOptimizerOptions, type UpdateContext} from './slot-optimizer';

/** Options of {@link rmsprop}. */
export interface RmspropOptions extends BaseOptimizerOptions {
  /** Decay α of the squared-gradient average (default 0.99). */
  alpha?: number;
  /** Momentum μ (default 0: none; then `mom` is ignored, as in fastai). */
  momentum?: number;
  /** Added to √s (default 1e-8). */
  eps?: number;
}

class Rmsprop extends SlotOptimizer {
  readonly name = 'rmsprop';
  mom: number;
  protected readonly slotNames: readonly string[];
  private readonly alpha: number;
  private readonly eps: number;

  constructor(groups: ParamGroup[], options: RmspropOptions) {
    super(groups, options);
    this.alpha = options.alpha ?? 0.99;
    this.mom = options.momentum ?? 0;
    this.eps = options.eps ?? 1e-8;
    if (!(this.alpha >= 0 && this.alpha < 1)) throw new Error(`rmsprop: alpha must be in [0, 1), got ${this.alpha}`);
    this.slotNames = this.mom > 0 ? ['square', 'momentum'] : ['square'];
  }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], ctx: UpdateContext): void {
    const {lr, scalar} = ctx;
    const [sq, buf] = slots;
    const sqNext = tf.add(tf.mul(sq, scalar('alpha', this.alpha)), tf.mul(tf.square(g), scalar('1-alpha', 1 - this.alpha)));
    sq.assign(sqNext);
    let direction = tf.div(g, tf.add(tf.sqrt(sqNext), scalar('eps', this.eps)));
    if (buf) {
      direction = tf.add(tf.mul(buf, scalar('momentum', this.mom)), direction);
      buf.assign(direction);
    }
    this.descend(w, direction, lr, ctx);
  }
}

/** RMSprop, e.g. `rmsprop({alpha: 0.99})`. */
export function rmsprop(options: RmspropOptions = {}): OptimizerFactory {
  return (groups) => new Rmsprop(groups, options);
}
