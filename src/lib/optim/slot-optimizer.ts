/**
 * The machinery every optimizer here shares: parameter groups with learning-rate multipliers, frozen variables
 * skipped, decoupled weight decay, per-variable slot variables (momenta, second moments) and step counts, and
 * checkpoint state. A concrete optimizer only writes its update rule on tfjs ops.
 *
 * Hyperparameters are plain numbers read at every step, so schedules (one-cycle) change `lr` and `mom` per batch
 * without re-creating the optimizer. Their values reach the device as scalar tensors, never as shader constants, so
 * no shader is recompiled when they change; each named scalar is kept between steps and replaced only when its value
 * changes (a constant learning rate costs no upload at all, a scheduled one one scalar per step).
 */
import * as tf from '@tensorflow/tfjs';
import type {Optimizer, ParamGroup} from './types';

/** What an update rule receives for one variable at one step. */
export interface UpdateContext {
  /** This variable's learning rate, `lr * lrMult`. */
  lr: number;
  /** The variable's step count, 1 at its first update (Adam's bias correction). */
  step: number;
  /**
   * A scalar tensor holding `value` (`name`, e.g. 'beta1', says what it is). Kept by the optimizer across steps
   * while the value stays the same; do not dispose it.
   */
  scalar(name: string, value: number): tf.Scalar;
}

/** Serialised slot state: `<variable name>/<slot>` (and `<variable name>/step`) → values. */
export type OptimizerState = Record<string, {shape: number[]; values: Float32Array}>;

/** Hyperparameters every optimizer has; concrete optimizers add their own. */
export interface BaseOptimizerOptions {
  /** Initial base learning rate (the Learner sets it before training). */
  lr?: number;
  /** Decoupled weight decay, applied as w ← w·(1 − lr·lrMult·wd·wdMult) before each update. */
  wd?: number;
}

/**
 * Base class of the optimizers: subclasses name their slots and implement {@link SlotOptimizer.update}, which
 * assigns the variable's new value and its slots' new values.
 */
export abstract class SlotOptimizer implements Optimizer {
  abstract readonly name: string;
  lr: number;
  abstract mom: number;
  wd: number;
  readonly groups: ParamGroup[];
  /** Slot names, in the order `update` receives them. */
  protected abstract readonly slotNames: readonly string[];
  private readonly slots = new Map<string, tf.Variable[]>();
  private readonly steps = new Map<string, number>();
  /** Kept scalars by `<name>=<value>`, with the step that last used them. */
  private readonly scalars = new Map<string, {tensor: tf.Scalar; used: number}>();
  private stepCount = 0;

  protected constructor(groups: ParamGroup[], options: BaseOptimizerOptions) {
    this.groups = groups;
    this.lr = options.lr ?? 1e-3;
    this.wd = options.wd ?? 0;
    const seen = new Set<string>();
    for (const v of groups.flatMap((g) => g.variables)) {
      if (seen.has(v.name)) throw new Error(`optimizer: variable '${v.name}' appears in more than one parameter group`);
      seen.add(v.name);
    }
  }

  /** Writes the new value of `variable` and of its `slots` (same order as `slotNames`) from gradient `grad`. */
  protected abstract update(variable: tf.Variable, grad: tf.Tensor, slots: tf.Variable[], ctx: UpdateContext): void;

  /**
   * w ← w − rate·direction, written as w + (−rate)·direction: the same two kernels, but tfjs-cpu's Add runs several
   * times faster than its Sub on large tensors (measured: ~6% of a 784-30-10 training step), and tfjs' own
   * optimizers use this form too.
   */
  protected descend(w: tf.Variable, direction: tf.Tensor, rate: number, ctx: UpdateContext): void {
    w.assign(tf.add(w, tf.mul(direction, ctx.scalar('-rate', -rate))));
  }

  step(grads: tf.NamedTensorMap): void {
    const now = ++this.stepCount;
    const scalar = (name: string, value: number) => this.scalar(name, value, now);
    tf.tidy(() => {
      for (const group of this.groups) {
        const lr = this.lr * group.lrMult;
        const decay = 1 - lr * this.wd * (group.wdMult ?? 1);
        for (const variable of group.variables) {
          const grad = grads[variable.name];
          if (!variable.trainable || grad == null) continue;
          if (decay !== 1) variable.assign(tf.mul(variable, scalar('decay', decay)));
          const step = (this.steps.get(variable.name) ?? 0) + 1;
          this.steps.set(variable.name, step);
          this.update(variable, grad, this.slotsOf(variable), {lr, step, scalar});
        }
      }
    });
    // Scalars this step did not use (a scheduled value that moved on) are freed: the set stays the same size.
    for (const [key, entry] of this.scalars) {
      if (entry.used !== now) {
        entry.tensor.dispose();
        this.scalars.delete(key);
      }
    }
  }

  /** The kept scalar for `name` = `value`, made on first use. */
  private scalar(name: string, value: number, now: number): tf.Scalar {
    const key = `${name}=${value}`;
    let entry = this.scalars.get(key);
    if (!entry) this.scalars.set(key, (entry = {tensor: tf.keep(tf.scalar(value)), used: now}));
    entry.used = now;
    return entry.tensor;
  }

  private slotsOf(variable: tf.Variable): tf.Variable[] {
    let slots = this.slots.get(variable.name);
    if (!slots) {
      slots = this.slotNames.map(() => tf.variable(tf.zerosLike(variable), false));
      this.slots.set(variable.name, slots);
    }
    return slots;
  }

  async getState(): Promise<OptimizerState> {
    const state: OptimizerState = {};
    const reads: Promise<void>[] = [];
    for (const [name, slots] of this.slots) {
      slots.forEach((slot, i) => {
        const key = `${name}/${this.slotNames[i]}`;
        reads.push(slot.data().then((values) => {
          state[key] = {shape: [...slot.shape], values: Float32Array.from(values)};
        }));
      });
    }
    await Promise.all(reads);
    for (const [name, step] of this.steps) state[`${name}/step`] = {shape: [], values: Float32Array.of(step)};
    return state;
  }

  setState(state: OptimizerState): void {
    for (const variable of this.groups.flatMap((g) => g.variables)) {
      const step = state[`${variable.name}/step`];
      if (step) this.steps.set(variable.name, step.values[0]);
      else this.steps.delete(variable.name);
      const saved = this.slotNames.map((slot) => state[`${variable.name}/${slot}`]);
      if (saved.some((s) => s === undefined)) {
        this.dropSlots(variable.name);
        continue;
      }
      const slots = this.slotsOf(variable);
      saved.forEach((s, i) => {
        if (s.shape.join() !== variable.shape.join()) {
          throw new Error(
            `${this.name}.setState: slot '${variable.name}/${this.slotNames[i]}' has shape [${s.shape}], ` +
              `the variable has [${variable.shape}]`,
          );
        }
        tf.tidy(() => slots[i].assign(tf.tensor(s.values, s.shape, 'float32')));
      });
    }
  }

  private dropSlots(name: string): void {
    this.slots.get(name)?.forEach((s) => s.dispose());
    this.slots.delete(name);
  }

  dispose(): void {
    for (const name of [...this.slots.keys()]) this.dropSlots(name);
    this.steps.clear();
    for (const {tensor} of this.scalars.values()) tensor.dispose();
    this.scalars.clear();
  }
}
