/** The contract for optimizers (implemented in this folder, driven by the Learner and its schedules). */
import type * as tf from '@tensorflow/tfjs';

/** Variables that share a learning-rate multiplier (discriminative learning rates: small for the body, full for the head). */
export interface ParamGroup {
  /** The underlying variables (for a tfjs-layers weight, `layerVariable.read()`). */
  variables: tf.Variable[];
  /** This group's learning rate is `optimizer.lr * lrMult`. */
  lrMult: number;
  /**
   * Multiplies the optimizer's decoupled weight decay for this group (default 1). The Learner puts biases and
   * batch-norm parameters in groups with `wdMult: 0`, as fastai does (`wd_bn_bias=False`).
   */
  wdMult?: number;
}

/** An optimizer over parameter groups, driven step by step by the Learner; `lr` and `mom` may change between steps. */
export interface Optimizer {
  readonly name: string;
  /** Base learning rate; schedules set it before each step. */
  lr: number;
  /** SGD momentum, or Adam's β1: what one-cycle varies inversely to the learning rate. */
  mom: number;
  /** Decoupled weight decay (AdamW, fastai's `wd`): each step w ← w − lr·lrMult·wd·w. 0 turns it off. */
  wd: number;
  readonly groups: ParamGroup[];
  /**
   * One update from gradients keyed by variable name (`variable.name`). Variables of no group, and frozen ones
   * (`trainable === false`), are left alone. Does not dispose `grads`.
   */
  step(grads: tf.NamedTensorMap): void;
  /** Slot variables (momenta, second moments) as plain arrays keyed `<variable name>/<slot>`, for checkpoints. */
  getState(): Promise<Record<string, {shape: number[]; values: Float32Array}>>;
  setState(state: Record<string, {shape: number[]; values: Float32Array}>): void;
  dispose(): void;
}

/** How a Learner asks for an optimizer: it supplies the parameter groups, e.g. `adamW({betas: [0.9, 0.99]})`. */
export type OptimizerFactory = (groups: ParamGroup[]) => Optimizer;
